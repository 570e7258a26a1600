using Hydra.Bridge.Options;
using Hydra.Bridge.Storage;
using Hydra.Bridge.Storage.Postgres;
using Hydra.Testing;
using Hydra.Testing.Postgres;

namespace Hydra.Bridge.Tests.Storage;

/// <summary>The store contract on PostgreSQL 15 (a real server per class, a fresh database per test).</summary>
public sealed class PostgresBridgeStoreTests : BridgeStoreContract, IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _fixture;
    private readonly List<IBridgeStore> _handles = [];
    private string? _connectionString;

    public PostgresBridgeStoreTests(PostgresFixture fixture)
    {
        _fixture = fixture;
    }

    private protected override async Task<IBridgeStore> OpenStoreAsync()
    {
        _connectionString = await _fixture.CreateDatabaseAsync();
        return await PostgresStores.OpenAsync(_connectionString);
    }

    private protected override async Task<IBridgeStore> OpenSecondHandleAsync()
    {
        var store = await PostgresStores.OpenAsync(_connectionString!);
        _handles.Add(store);
        return store;
    }

    public override async Task DisposeAsync()
    {
        foreach (var handle in _handles)
        {
            handle.Dispose();
        }

        await base.DisposeAsync();
    }
}

/// <summary>Bridge stores on a test database, as a bridge opens them (options, pool, migrations).</summary>
internal static class PostgresStores
{
    public static async Task<PostgresBridgeStore> OpenAsync(string connectionString, Action<BridgeDatabaseOptions>? configure = null, bool migrate = true)
    {
        var options = new BridgeDatabaseOptions { Backend = BridgeDatabaseOptions.PostgreSql, ConnectionString = connectionString };
        configure?.Invoke(options);
        var store = new PostgresBridgeStore(PostgresCatalog.Open(options));
        if (migrate)
        {
            await store.MigrateAsync(CancellationToken.None).DefaultTimeout();
        }

        return store;
    }
}
