using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>Names one record: the node whose trail holds it and its sequence there.</summary>
public readonly record struct AuditRecordRef(string NodeId, long Sequence)
{
    public static AuditRecordRef Of(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditRecordRef(entry.NodeId, entry.Sequence);
    }

    public override string ToString() => $"{NodeId}#{Sequence}";
}
