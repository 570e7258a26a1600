using Hydra.Audit;
using Hydra.Storage;
using LiteDB;

namespace Hydra.Keystore.Storage;

/// <summary>
/// The node's durable LiteDB store: the <c>keys</c> collection (share envelope and ACL per key), the <c>audit</c>
/// collection (the hash-chained trail, keyed by sequence number) and the <c>checkpoints</c> collection.
/// </summary>
internal sealed class KeystoreDatabase : IDisposable
{
    public const string KeysCollection = "keys";
    public const string AuditCollection = "audit";
    public const string CheckpointsCollection = "checkpoints";

    private readonly DurableLiteDatabase _database;

    public KeystoreDatabase(string dataFile)
    {
        _database = new DurableLiteDatabase(dataFile);
        Keys = _database.GetCollection(KeysCollection);
        Audit = _database.GetCollection(AuditCollection);
        Checkpoints = _database.GetCollection(CheckpointsCollection);
    }

    /// <summary>The durable database underneath, for the store's group-commit writer.</summary>
    public DurableLiteDatabase Durable => _database;

    public ILiteCollection<BsonDocument> Keys { get; }

    public ILiteCollection<BsonDocument> Audit { get; }

    /// <summary>Signed checkpoints: this node's own and those it witnessed for peers, keyed <c>node:sequence</c>.</summary>
    public ILiteCollection<BsonDocument> Checkpoints { get; }

    public void BeginTransaction() => _database.BeginTransaction();

    public void Rollback() => _database.Rollback();

    /// <summary>Commits the open transaction and returns once it is on disk.</summary>
    public void CommitDurably() => _database.CommitDurably();

    /// <summary>Copies a large log into the data file; only call between batches, when the log is durable.</summary>
    public bool CheckpointIfLarge(long thresholdBytes) => _database.CheckpointIfLarge(thresholdBytes);

    /// <summary>The last record of the audit trail, or null when the trail is empty.</summary>
    public AuditEntry? LastAuditEntry()
    {
        var last = Audit.Query().OrderByDescending("_id").Limit(1).FirstOrDefault();
        return last is null ? null : BsonMapping.ToAuditEntry(last);
    }

    public void Dispose() => _database.Dispose();
}
