namespace Hydra.Audit;

/// <summary>
/// One record of a keystore node's audit trail: who did what to which key, from where, and how it ended.
/// Records hold identities and key ids only, never shares, keys or patient data.
/// </summary>
/// <param name="Sequence">Position in the node's trail, starting at 1 with no gaps.</param>
/// <param name="Time">When the node decided, to the microsecond (UTC).</param>
/// <param name="NodeId">The node that wrote the record.</param>
/// <param name="Subject">The end-entity subject (slash DN) the operation was evaluated for.</param>
/// <param name="Issuer">That subject's certificate issuer.</param>
/// <param name="Fqans">Validated VOMS FQANs of the subject, primary first.</param>
/// <param name="Operation">The API operation, e.g. <c>GetShare</c>.</param>
/// <param name="KeyId">The key concerned, or empty.</param>
/// <param name="Outcome"><c>allowed</c>, <c>denied</c> or <c>failed</c>.</param>
/// <param name="Reason">Why a denial or failure happened; empty when allowed.</param>
/// <param name="Peer">The network peer (address:port).</param>
/// <param name="Delegate">The delegate's subject when a delegate acted for <paramref name="Subject"/>; else empty.</param>
/// <param name="ProxyDepth">Proxy certificates between the end-entity certificate and the TLS leaf.</param>
/// <param name="PreviousHash">SHA-256 of the previous record (32 zero bytes for the first).</param>
/// <param name="Hash">SHA-256 of this record's canonical form, which includes <paramref name="PreviousHash"/>.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string NodeId,
    string Subject,
    string Issuer,
    IReadOnlyList<string> Fqans,
    string Operation,
    string KeyId,
    string Outcome,
    string Reason,
    string Peer,
    string Delegate,
    int ProxyDepth,
    ReadOnlyMemory<byte> PreviousHash,
    ReadOnlyMemory<byte> Hash)
{
    /// <summary>Outcome of an operation the node allowed.</summary>
    public const string Allowed = "allowed";

    /// <summary>Outcome of an operation refused by authentication or authorisation.</summary>
    public const string Denied = "denied";

    /// <summary>Outcome of an operation that was allowed but could not be completed (bad input, conflict).</summary>
    public const string Failed = "failed";
}
