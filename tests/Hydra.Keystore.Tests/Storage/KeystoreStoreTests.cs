using System.Security.Cryptography;
using Hydra.Access;
using Hydra.Grid;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;
using Hydra.Keystore.Storage;
using Hydra.Keystore.Storage.Postgres;
using Hydra.Testing;
using Hydra.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Keystore.Tests.Storage;

/// <summary>
/// The writer: group commit, audit records in the same commit, and failures contained to their operation; the same
/// tests on each back end (<see cref="LiteDbKeystoreStoreTests"/>, <see cref="PostgresKeystoreStoreTests"/>).
/// </summary>
public abstract class KeystoreStoreTests : IAsyncLifetime
{
    private static readonly CallerIdentity Caller = new(
        DistinguishedName.Parse("/DC=org/CN=Tester"), DistinguishedName.Parse("/DC=org/CN=CA"), [], 0, false, DateTimeOffset.MaxValue, "test");

    private readonly EnvelopeCipher _cipher = new(RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize));
    private IKeystoreDatabase? _database;
    private KeystoreStore? _store;

    private KeystoreStore Store => _store!;

    private protected abstract Task<IKeystoreDatabase> OpenDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await OpenDatabaseAsync();
        _store = new KeystoreStore(_database, _cipher, "node1", new KeystoreStorageOptions(), TimeProvider.System, NullLogger.Instance);
    }

    private Task<int> AuditedAsync(int value) =>
        Store.ExecuteAsync(t => t.RunAudited(new AuditContext(Caller, "Test", "key-" + value), () => value), CancellationToken.None);

    [Fact]
    public async Task OperationThrowingUnexpectedly_FailsAlone_AndTheNodeKeepsServing()
    {
        var before = Enumerable.Range(0, 20).Select(AuditedAsync).ToList();
        var broken = Store.ExecuteAsync<int>(t =>
        {
            t.Record(new AuditContext(Caller, "Broken", string.Empty), "allowed", string.Empty);
            throw new InvalidOperationException("a bug");
        }, CancellationToken.None);
        var after = Enumerable.Range(20, 20).Select(AuditedAsync).ToList();

        var error = await Assert.ThrowsAsync<KeystoreException>(() => broken.DefaultTimeout());
        var results = await Task.WhenAll(before.Concat(after)).DefaultTimeout();
        var later = await AuditedAsync(99).DefaultTimeout();

        Assert.Equal(KeystoreError.Unavailable, error.Error);
        Assert.Equal(Enumerable.Range(0, 40), results);
        Assert.Equal(99, later);
        // The broken operation's record was rolled back with it: 41 records, no gap, no "Broken".
        var trail = Store.ReadAudit(1, long.MaxValue);
        Assert.Equal(41, trail.Count);
        Assert.DoesNotContain(trail, e => e.Operation == "Broken");
        Assert.True(Hydra.Audit.AuditChainVerifier.Verify("node1", trail).IsIntact);
    }

    [Fact]
    public async Task OperationWithoutAuditRecord_IsRefused()
    {
        var unaudited = Store.ExecuteAsync(_ => 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<KeystoreException>(() => unaudited.DefaultTimeout());

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(7, await AuditedAsync(7).DefaultTimeout());
    }

    [Fact]
    public async Task KeysWrittenInABatch_AreListedInIdOrder_AndReopenedStoreContinuesTheChain()
    {
        // Arrange
        var acl = new KeyAcl(KeyAcl.ParseOwner("/DC=org/CN=Tester"), [AclEntry.For("fqan:/vo/*", KeyPermissions.GetShare)], 3);
        await Store.ExecuteAsync(t => t.RunAudited(new AuditContext(Caller, "Put", "b"), () =>
        {
            foreach (var id in new[] { "b", "a", "B", "c" })
            {
                t.PutKey(new KeyRecord(id, t.Seal(id, [1, 2, 3]), true, acl, DateTimeOffset.UnixEpoch.AddTicks(1234567), "/DC=org/CN=Tester"));
            }

            return 0;
        }), CancellationToken.None).DefaultTimeout();

        // Act
        var listed = Store.ListKeys(string.Empty, "a").Select(k => k.KeyId).ToList();
        var found = Store.FindKey("c")!;
        var head = Store.AuditHead;
        await AuditedAsync(1).DefaultTimeout();

        // Assert: ordinal order (upper case first), the ACL and time as stored, and the chain unbroken.
        Assert.Equal(["b", "c"], listed);
        Assert.Equal(["B", "a", "b", "c"], Store.ListKeys(string.Empty, string.Empty).Select(k => k.KeyId));
        Assert.Equal((acl.OwnerText, 3L), (found.Acl.OwnerText, found.Acl.Version));
        // LiteDB keeps a DateTime to the millisecond, PostgreSQL the ticks.
        Assert.InRange((found.Created - DateTimeOffset.UnixEpoch.AddTicks(1234567)).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.Equal(acl.Entries, found.Acl.Entries);
        Assert.Equal(head.Length + 1, Store.AuditHead.Length);
        Assert.True(Hydra.Audit.AuditChainVerifier.Verify("node1", Store.ReadAudit(1, long.MaxValue)).IsIntact);
    }

    public Task DisposeAsync()
    {
        _store?.Dispose();
        _database?.Dispose();
        _cipher.Dispose();
        return DisposeBackendAsync();
    }

    private protected virtual Task DisposeBackendAsync() => Task.CompletedTask;
}

/// <summary>The writer's tests on the embedded LiteDB file.</summary>
public sealed class LiteDbKeystoreStoreTests : KeystoreStoreTests
{
    private readonly TempDirectory _folder = new();

    private protected override Task<IKeystoreDatabase> OpenDatabaseAsync() =>
        Task.FromResult<IKeystoreDatabase>(new KeystoreDatabase(_folder.Combine("store.db")));

    private protected override Task DisposeBackendAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The writer's tests on a real PostgreSQL 15, a fresh database per test.</summary>
public sealed class PostgresKeystoreStoreTests : KeystoreStoreTests, IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _postgres;

    public PostgresKeystoreStoreTests(PostgresFixture postgres) => _postgres = postgres;

    private protected override async Task<IKeystoreDatabase> OpenDatabaseAsync()
    {
        var connectionString = await _postgres.CreateDatabaseAsync().DefaultTimeout();
        return PostgresKeystoreDatabase.Open(
            new KeystoreDatabaseOptions { Backend = nameof(KeystoreBackend.PostgreSql), ConnectionString = connectionString }, "node1", NullLogger.Instance);
    }
}
