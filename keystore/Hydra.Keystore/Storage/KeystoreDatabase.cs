using Hydra.Storage;
using LiteDB;

namespace Hydra.Keystore.Storage;

/// <summary>
/// The node's durable LiteDB store: the <c>keys</c> collection (sealed share envelope and ACL per key), the <c>audit</c>
/// collection (the hash-chained trail, keyed by sequence number), the <c>checkpoints</c> collection and the <c>seal</c>
/// collection (the wrapped data key). Layouts: FORMAT.md.
/// </summary>
internal sealed class KeystoreDatabase : IKeystoreDatabase
{
    public const string KeysCollection = "keys";
    public const string AuditCollection = "audit";
    public const string CheckpointsCollection = "checkpoints";
    public const string SealCollection = "seal";

    private readonly DurableLiteDatabase _database;

    public KeystoreDatabase(string dataFile)
    {
        _database = new DurableLiteDatabase(dataFile);
        Keys = _database.GetCollection(KeysCollection);
        Audit = _database.GetCollection(AuditCollection);
        Checkpoints = _database.GetCollection(CheckpointsCollection);
        Seal = _database.GetCollection(SealCollection);
        Description = $"data file '{dataFile}'";
        var tables = new LiteDbTables(this);
        Batch = tables;
        Committed = tables;
    }

    public IBatchDatabase Batches => _database;

    public IKeystoreBatch Batch { get; }

    public IKeystoreReader Committed { get; }

    public string Description { get; }

    /// <summary>The durable database underneath, for the store's group-commit writer.</summary>
    public DurableLiteDatabase Durable => _database;

    public ILiteCollection<BsonDocument> Keys { get; }

    public ILiteCollection<BsonDocument> Audit { get; }

    /// <summary>Signed checkpoints: this node's own and those it witnessed for peers, keyed <c>node:sequence</c>.</summary>
    public ILiteCollection<BsonDocument> Checkpoints { get; }

    /// <summary>The one seal document: the wrapped data key that seals every envelope of <see cref="Keys"/>.</summary>
    public ILiteCollection<BsonDocument> Seal { get; }

    /// <summary>The stored seal, or null for a file written before sealing (or a new one).</summary>
    public StoredSeal? ReadSeal()
    {
        var document = Seal.FindById(StoredSeal.DocumentId);
        return document is null ? null : BsonMapping.ToStoredSeal(document);
    }

    /// <summary>Writes the seal document in a durable commit of its own.</summary>
    public void WriteSeal(StoredSeal seal)
    {
        BeginTransaction();
        Seal.Upsert(BsonMapping.ToDocument(seal));
        CommitDurably();
    }

    public void BeginTransaction() => _database.BeginTransaction();

    public void Rollback() => _database.Rollback();

    /// <summary>Commits the open transaction and returns once it is on disk.</summary>
    public void CommitDurably() => _database.CommitDurably();

    /// <summary>Copies a large log into the data file; only call between batches, when the log is durable.</summary>
    public bool CheckpointIfLarge(long thresholdBytes) => _database.CheckpointIfLarge(thresholdBytes);

    public long CountUnsealed() => Keys.LongCount(Query.Not(BsonMapping.ClearEnvelopeField, BsonValue.Null));

    public void Dispose() => _database.Dispose();
}
