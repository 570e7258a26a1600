using System.Security.Cryptography;
using Hydra.Audit;
using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;
using Hydra.Keystore.Storage;
using Hydra.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Keystore.Tests.Support;

/// <summary>
/// A real node store (LiteDB file in a temp folder, group-commit writer) for unit tests of what runs on the writer
/// thread: each call gets a real <see cref="StoreTransaction"/> and returns once its batch is durable.
/// </summary>
internal sealed class NodeStore : IDisposable
{
    private readonly TempDirectory _folder = new("hydra-store");
    private readonly KeystoreDatabase _database;
    private readonly EnvelopeCipher _cipher = new(RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize));

    public NodeStore(TimeProvider time, string nodeId = "node1")
    {
        _database = new KeystoreDatabase(_folder.Combine("keystore.db"));
        Store = new KeystoreStore(_database, _cipher, nodeId, new KeystoreStorageOptions(), time, NullLogger.Instance);
    }

    public KeystoreStore Store { get; }

    /// <summary>The stored envelope of <paramref name="keyId"/>, opened with this store's data key.</summary>
    public byte[] Envelope(string keyId)
    {
        var key = Store.FindKey(keyId) ?? throw new InvalidOperationException($"No key '{keyId}'.");
        return key.Sealed ? _cipher.Open(keyId, key.StoredEnvelope) : key.StoredEnvelope;
    }

    /// <summary>A clock at the real time (the dev PKI is made at the real clock) that moves only when a test says.</summary>
    public static FakeTimeProvider NewClock() => new(TimeProvider.System.GetUtcNow());

    /// <summary>Runs <paramref name="work"/> on the writer thread in a real transaction, as the node's operations run.</summary>
    public Task<T> RunAsync<T>(Func<StoreTransaction, T> work) =>
        Store.ExecuteHousekeepingAsync(work, CancellationToken.None).DefaultTimeout();

    /// <summary>The whole committed audit trail, oldest first.</summary>
    public List<AuditEntry> Trail() => Store.ReadAudit(1, long.MaxValue);

    public void Dispose()
    {
        Store.Dispose();
        _database.Dispose();
        _cipher.Dispose();
        _folder.Dispose();
    }
}
