using Hydra.Client.Auditing;
using Hydra.Storage;
using LiteDB;

namespace Hydra.Client.Tests.Auditing;

/// <summary>
/// A stopped node's LiteDB file opened for tampering, as an attacker with the disk would: records and checkpoints in
/// the node's on-disk layout (keystore/Storage/BsonMapping.cs). Changes are committed on dispose.
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

    public AuditEntry Read(long sequence) => ToEntry(Audit.FindById(sequence));

    public void Write(AuditEntry entry) => Audit.Upsert(ToDocument(entry));

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
    public void PutCheckpoint(SignedCheckpoint checkpoint) => Checkpoints.Upsert(new BsonDocument
    {
        ["_id"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{checkpoint.NodeId}:{checkpoint.Sequence:D19}"),
        ["node"] = checkpoint.NodeId,
        ["seq"] = checkpoint.Sequence,
        ["hash"] = new BsonValue(checkpoint.Hash.ToArray()),
        ["t"] = checkpoint.Time.UtcTicks,
        ["sig"] = new BsonValue(checkpoint.Signature.ToArray()),
        ["alg"] = checkpoint.SignatureAlgorithm,
        ["certs"] = new BsonArray(checkpoint.Certificates.Select(c => new BsonValue(c.GetEncoded()))),
    });

    /// <summary>The stored checkpoints about <paramref name="nodeId"/>, as documents.</summary>
    public List<BsonDocument> CheckpointsOf(string nodeId) =>
        [.. Checkpoints.FindAll().Where(d => d["node"].AsString == nodeId).OrderBy(d => d["seq"].AsInt64)];

    public void Dispose()
    {
        _database.CommitDurably();
        _database.Dispose();
    }

    private static AuditEntry ToEntry(BsonDocument d) => new(
        d["_id"].AsInt64,
        new DateTimeOffset(d["t"].AsInt64, TimeSpan.Zero),
        d["node"].AsString,
        d["sub"].AsString,
        d["iss"].AsString,
        [.. d["fqans"].AsArray.Select(v => v.AsString)],
        d["op"].AsString,
        d["key"].AsString,
        d["out"].AsString,
        d["why"].AsString,
        d["peer"].AsString,
        d["dlg"].AsString,
        d["depth"].AsInt32,
        d["prev"].AsBinary,
        d["hash"].AsBinary);

    private static BsonDocument ToDocument(AuditEntry e) => new()
    {
        ["_id"] = e.Sequence,
        ["t"] = e.Time.UtcTicks,
        ["node"] = e.NodeId,
        ["sub"] = e.Subject,
        ["iss"] = e.Issuer,
        ["fqans"] = new BsonArray(e.Fqans.Select(f => new BsonValue(f))),
        ["op"] = e.Operation,
        ["key"] = e.KeyId,
        ["out"] = e.Outcome,
        ["why"] = e.Reason,
        ["peer"] = e.Peer,
        ["dlg"] = e.Delegate,
        ["depth"] = e.ProxyDepth,
        ["prev"] = new BsonValue(e.PreviousHash.ToArray()),
        ["hash"] = new BsonValue(e.Hash.ToArray()),
    };
}
