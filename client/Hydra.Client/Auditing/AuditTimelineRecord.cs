using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>One record of the merged timeline, as reports show it: the record's fields, its hash, and its flags.</summary>
/// <param name="Node">The node whose trail holds it.</param>
/// <param name="Sequence">Its position in that trail.</param>
/// <param name="Time">When the node decided (UTC).</param>
/// <param name="Subject">Who acted (for a delegated access, the reader).</param>
/// <param name="Issuer">The subject's certificate issuer.</param>
/// <param name="Fqans">The subject's VOMS FQANs.</param>
/// <param name="Operation">The operation.</param>
/// <param name="KeyId">The key, or empty.</param>
/// <param name="Study">The key's study part, or empty.</param>
/// <param name="Outcome"><c>allowed</c>, <c>denied</c> or <c>failed</c>.</param>
/// <param name="Reason">Why it was refused or failed.</param>
/// <param name="Peer">The network peer.</param>
/// <param name="Delegate">The delegate that acted for the subject, or empty.</param>
/// <param name="ProxyDepth">Proxy certificates in the caller's chain.</param>
/// <param name="Hash">Hex SHA-256 of the record.</param>
/// <param name="Flags">Ids of the flags this record belongs to.</param>
public sealed record AuditTimelineRecord(
    string Node,
    long Sequence,
    DateTimeOffset Time,
    string Subject,
    string Issuer,
    IReadOnlyList<string> Fqans,
    string Operation,
    string KeyId,
    string Study,
    string Outcome,
    string Reason,
    string Peer,
    string Delegate,
    int ProxyDepth,
    string Hash,
    IReadOnlyList<string> Flags)
{
    internal static AuditTimelineRecord Of(AuditEntry entry, IReadOnlyList<string> flags) => new(
        entry.NodeId,
        entry.Sequence,
        entry.Time,
        entry.Subject,
        entry.Issuer,
        entry.Fqans,
        entry.Operation,
        entry.KeyId,
        AuditStudy.Of(entry.KeyId),
        entry.Outcome,
        entry.Reason,
        entry.Peer,
        entry.Delegate,
        entry.ProxyDepth,
        Convert.ToHexStringLower(entry.Hash.Span),
        flags);
}
