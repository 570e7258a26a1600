using Google.Protobuf.WellKnownTypes;
using Hydra.Audit;
using Hydra.Keystore.V1;

namespace Hydra.Keystore.Contract.Mapping;

/// <summary>Audit records: hashes travel as hex and must be 32 bytes; every record has a time.</summary>
public static partial class ProtoMapping
{
    public static AuditRecord ToProto(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var record = new AuditRecord
        {
            Sequence = entry.Sequence,
            Time = Timestamp.FromDateTimeOffset(entry.Time),
            NodeId = entry.NodeId,
            Subject = entry.Subject,
            Issuer = entry.Issuer,
            Operation = entry.Operation,
            KeyId = entry.KeyId,
            Outcome = entry.Outcome,
            Reason = entry.Reason,
            Peer = entry.Peer,
            Delegate = entry.Delegate,
            ProxyDepth = entry.ProxyDepth,
            PreviousHash = Convert.ToHexStringLower(entry.PreviousHash.Span),
            Hash = Convert.ToHexStringLower(entry.Hash.Span),
        };
        record.Fqans.AddRange(entry.Fqans);
        return record;
    }

    /// <summary>Reads a record as a node streamed it; its hashes are checked for form here and for content by the verifier.</summary>
    public static AuditEntry FromProto(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var what = $"Audit record {record.Sequence}";
        return new AuditEntry(
            record.Sequence,
            RequireTime(record.Time, what),
            record.NodeId,
            record.Subject,
            record.Issuer,
            [.. record.Fqans],
            record.Operation,
            record.KeyId,
            record.Outcome,
            record.Reason,
            record.Peer,
            record.Delegate,
            record.ProxyDepth,
            RequireHash(record.PreviousHash, what + "'s previous hash"),
            RequireHash(record.Hash, what + "'s hash"));
    }
}
