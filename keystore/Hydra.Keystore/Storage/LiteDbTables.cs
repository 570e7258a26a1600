using Hydra.Audit;
using LiteDB;

namespace Hydra.Keystore.Storage;

/// <summary>
/// The LiteDB collections as both views: LiteDB keeps a transaction per thread, so the writer's reads see its open
/// batch and any other thread's see only what was committed.
/// </summary>
internal sealed class LiteDbTables : IKeystoreBatch, IKeystoreReader
{
    private readonly KeystoreDatabase _database;

    public LiteDbTables(KeystoreDatabase database) => _database = database;

    public KeyRecord? FindKey(string keyId)
    {
        var document = _database.Keys.FindById(keyId);
        return document is null ? null : BsonMapping.ToKeyRecord(document);
    }

    public void PutKey(KeyRecord key) => _database.Keys.Upsert(BsonMapping.ToDocument(key));

    public bool DeleteKey(string keyId) => _database.Keys.Delete(keyId);

    public SignedCheckpoint? FindCheckpoint(string id)
    {
        var document = _database.Checkpoints.FindById(id);
        return document is null ? null : BsonMapping.ToCheckpoint(document);
    }

    public void PutCheckpoint(string id, SignedCheckpoint checkpoint)
    {
        var document = BsonMapping.ToDocument(checkpoint);
        document["_id"] = id;
        _database.Checkpoints.Upsert(document);
    }

    public void AppendAudit(AuditEntry entry) => _database.Audit.Insert(BsonMapping.ToDocument(entry));

    public AuditEntry? LastAuditEntry()
    {
        var last = _database.Audit.Query().OrderByDescending("_id").Limit(1).FirstOrDefault();
        return last is null ? null : BsonMapping.ToAuditEntry(last);
    }

    public IEnumerable<KeyRecord> KeysFrom(string lowerBound)
    {
        var documents = lowerBound.Length == 0 ? _database.Keys.FindAll() : _database.Keys.Find(Query.GTE("_id", lowerBound));
        return documents.Select(BsonMapping.ToKeyRecord);
    }

    public long KeyCount() => _database.Keys.LongCount();

    public List<AuditEntry> ReadAudit(long from, long to) =>
        [.. _database.Audit.Find(Query.Between("_id", from, to)).Select(BsonMapping.ToAuditEntry)];

    public IEnumerable<SignedCheckpoint> ReadCheckpoints(string fromId, string toId) =>
        _database.Checkpoints.Find(Query.Between("_id", fromId, toId)).Select(BsonMapping.ToCheckpoint);
}
