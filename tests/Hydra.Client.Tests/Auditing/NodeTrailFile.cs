using Hydra.Audit;
using Hydra.Keystore.Storage;
using Hydra.Storage;
using LiteDB;

namespace Hydra.Client.Tests.Auditing;

/// <summary>
/// A stopped node's LiteDB file opened for tampering, as an attacker with the disk would: records and checkpoints in
/// the node's own on-disk layout (the keystore's BsonMapping). Changes are committed on dispose.
/// </summary>
public sealed class NodeTrailFile : IDisposable
{
    private readonly DurableLiteDatabase _database;

    public NodeTrailFile(string dataFile)
    {
        _database = new DurableLiteDatabase(dataFile);
        _database.BeginTransaction();
        Audit = _database.GetCollection("audit");
        Checkpoints = _database.GetCollection("checkpoints");
    }

    public ILiteCollection<BsonDocument> Audit { get; }

    public ILiteCollection<BsonDocument> Checkpoints { get; }

    public long Length => Audit.Max("_id").AsInt64;

    public AuditEntry Read(long sequence) => BsonMapping.ToAuditEntry(Audit.FindById(sequence));

    public void Write(AuditEntry entry) => Audit.Upsert(BsonMapping.ToDocument(entry));

    /// <summary>Edits record <paramref name="sequence"/> and recomputes every later hash, so the chain alone looks intact.</summary>
    public void RewriteConsistently(long sequence, Func<AuditEntry, AuditEntry> edit)
    {
        var previous = sequence == 1 ? AuditChain.Genesis : Read(sequence - 1).Hash;
        for (var s = sequence; s <= Length; s++)
        {
            var entry = Read(s);
            entry = AuditChain.Seal((s == sequence ? edit(entry) : entry) with { PreviousHash = previous });
            Write(entry);
            previous = entry.Hash;
        }
    }

    /// <summary>Stores <paramref name="checkpoint"/> as if this node had accepted it.</summary>
    public void PutCheckpoint(SignedCheckpoint checkpoint) => Checkpoints.Upsert(BsonMapping.ToDocument(checkpoint));

    /// <summary>The stored checkpoints about <paramref name="nodeId"/>, as documents.</summary>
    public List<BsonDocument> CheckpointsOf(string nodeId) =>
        [.. Checkpoints.FindAll().Where(d => d["node"].AsString == nodeId).OrderBy(d => d["seq"].AsInt64)];

    public void Dispose()
    {
        _database.CommitDurably();
        _database.Dispose();
    }
}
