using Hydra.Bridge.Storage;
using Hydra.Testing;
using Hydra.Testing.Postgres;

namespace Hydra.Bridge.Tests.Storage;

/// <summary>
/// The PostgreSQL store while the database misbehaves: restarted or killed mid-operation, its pool exhausted. Each
/// time a clear <see cref="CatalogUnavailableException"/>, nothing half-written, and the same store works again
/// afterwards without being reopened. Its own server, since these tests stop it.
/// </summary>
public sealed class PostgresFaultTests : IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _fixture;

    public PostgresFaultTests(PostgresFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task RestartMidDrain_ClearError_SharesStay_StoreWorksAgain()
    {
        // Arrange
        var connectionString = await _fixture.CreateDatabaseAsync().DefaultTimeout();
        using var store = await PostgresStores.OpenAsync(connectionString);
        await store.EnqueueHandoffAsync([new HandoffEntry("node2", "ingest:r1", [1], [], DateTimeOffset.UnixEpoch)], CancellationToken.None).DefaultTimeout();
        await store.AddCatalogEntryAsync(BridgeStoreContract.Entry("2.25.1"), CancellationToken.None).DefaultTimeout();

        // Act: the server restarts while the claim's transaction is open.
        var error = await Assert.ThrowsAsync<CatalogUnavailableException>(() => store.DrainHandoffAsync("node2", 10, async (pending, _) =>
        {
            await _fixture.Server.RestartAsync();
            return pending;
        }, CancellationToken.None)).DefaultTimeout();

        // Assert
        Assert.StartsWith("catalog database unavailable: ", error.Message, StringComparison.Ordinal);
        Assert.Single(await store.PendingHandoffAsync("node2", 10, CancellationToken.None).DefaultTimeout());
        Assert.True(await store.AddCatalogEntryAsync(BridgeStoreContract.Entry("2.25.2"), CancellationToken.None).DefaultTimeout());
        Assert.Equal(2, await store.CatalogCountAsync(CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task ServerKilled_EveryOperationFailsClearly_AfterStartEverythingCommittedIsThere()
    {
        // Arrange
        var connectionString = await _fixture.CreateDatabaseAsync().DefaultTimeout();
        using var store = await PostgresStores.OpenAsync(connectionString, o => o.CommandTimeoutSeconds = 2);
        await store.AddCatalogEntryAsync(BridgeStoreContract.Entry("2.25.1"), CancellationToken.None).DefaultTimeout();

        // Act
        await _fixture.Server.KillAsync().DefaultTimeout();
        CatalogUnavailableException write, read;
        try
        {
            write = await Assert.ThrowsAsync<CatalogUnavailableException>(
                () => store.AddCatalogEntryAsync(BridgeStoreContract.Entry("2.25.2"), CancellationToken.None)).DefaultTimeout();
            read = await Assert.ThrowsAsync<CatalogUnavailableException>(() => store.FindInstanceAsync("2.25.1", CancellationToken.None)).DefaultTimeout();
        }
        finally
        {
            await _fixture.Server.StartAgainAsync().DefaultTimeout();
        }

        // Assert
        Assert.StartsWith("catalog database unavailable: ", write.Message, StringComparison.Ordinal);
        Assert.StartsWith("catalog database unavailable: ", read.Message, StringComparison.Ordinal);
        Assert.NotNull(await store.FindInstanceAsync("2.25.1", CancellationToken.None).DefaultTimeout());
        Assert.Null(await store.FindInstanceAsync("2.25.2", CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task PoolExhausted_ClearErrorAfterTheTimeout_HolderCommits_NothingCorrupted()
    {
        // Arrange: one connection, held by a drain whose delivery waits.
        var connectionString = await _fixture.CreateDatabaseAsync().DefaultTimeout();
        using var store = await PostgresStores.OpenAsync(connectionString, o => (o.MaxPoolSize, o.CommandTimeoutSeconds) = (1, 1));
        await store.EnqueueHandoffAsync([new HandoffEntry("node2", "ingest:p1", [1], [], DateTimeOffset.UnixEpoch)], CancellationToken.None).DefaultTimeout();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var drain = store.DrainHandoffAsync("node2", 10, async (pending, _) =>
        {
            holding.SetResult();
            await release.Task;
            return pending;
        }, CancellationToken.None);
        await holding.Task.DefaultTimeout();

        // Act
        var error = await Assert.ThrowsAsync<CatalogUnavailableException>(
            () => store.AddCatalogEntryAsync(BridgeStoreContract.Entry("2.25.1"), CancellationToken.None)).DefaultTimeout();
        release.SetResult();
        var drained = await drain.DefaultTimeout();

        // Assert
        Assert.Contains("pool", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, drained);
        Assert.True(await store.AddCatalogEntryAsync(BridgeStoreContract.Entry("2.25.1"), CancellationToken.None).DefaultTimeout());
        Assert.Equal(0, await store.PendingHandoffCountAsync(CancellationToken.None).DefaultTimeout());
    }
}
