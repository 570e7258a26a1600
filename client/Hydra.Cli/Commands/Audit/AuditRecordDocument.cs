namespace Hydra.Cli.Commands.Audit;

/// <summary>One audit record in JSON output.</summary>
internal sealed record AuditRecordDocument(
    string Node,
    long Sequence,
    DateTimeOffset Time,
    string Subject,
    IReadOnlyList<string> Fqans,
    string Operation,
    string KeyId,
    string Outcome,
    string Reason,
    string Peer,
    string Delegate,
    int ProxyDepth);
