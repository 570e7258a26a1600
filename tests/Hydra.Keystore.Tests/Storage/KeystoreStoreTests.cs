using System.Security.Cryptography;
using Hydra.Access;
using Hydra.Grid;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;
using Hydra.Keystore.Storage;
using Hydra.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Keystore.Tests.Storage;

/// <summary>The writer: group commit, audit records in the same commit, and failures contained to their operation.</summary>
public sealed class KeystoreStoreTests : IDisposable
{
    private static readonly CallerIdentity Caller = new(
        DistinguishedName.Parse("/DC=org/CN=Tester"), DistinguishedName.Parse("/DC=org/CN=CA"), [], 0, false, DateTimeOffset.MaxValue, "test");

    private readonly TempDirectory _folder = new();
    private readonly KeystoreDatabase _database;
    private readonly EnvelopeCipher _cipher = new(RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize));
    private readonly KeystoreStore _store;

    public KeystoreStoreTests()
    {
        _database = new KeystoreDatabase(_folder.Combine("store.db"));
        _store = new KeystoreStore(_database, _cipher, "node1", new KeystoreStorageOptions(), TimeProvider.System, NullLogger.Instance);
    }

    private Task<int> AuditedAsync(int value) =>
        _store.ExecuteAsync(t => t.RunAudited(new AuditContext(Caller, "Test", "key-" + value), () => value), CancellationToken.None);

    [Fact]
    public async Task OperationThrowingUnexpectedly_FailsAlone_AndTheNodeKeepsServing()
    {
        var before = Enumerable.Range(0, 20).Select(AuditedAsync).ToList();
        var broken = _store.ExecuteAsync<int>(t =>
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
        var trail = _store.ReadAudit(1, long.MaxValue);
        Assert.Equal(41, trail.Count);
        Assert.DoesNotContain(trail, e => e.Operation == "Broken");
        Assert.True(Hydra.Audit.AuditChainVerifier.Verify("node1", trail).IsIntact);
    }

    [Fact]
    public async Task OperationWithoutAuditRecord_IsRefused()
    {
        var unaudited = _store.ExecuteAsync(_ => 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<KeystoreException>(() => unaudited.DefaultTimeout());

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(7, await AuditedAsync(7).DefaultTimeout());
    }

    public void Dispose()
    {
        _store.Dispose();
        _database.Dispose();
        _cipher.Dispose();
        _folder.Dispose();
    }
}
