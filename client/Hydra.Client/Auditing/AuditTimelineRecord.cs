using Hydra.Audit;

namespace Hydra.Client.Auditing;

/// <summary>One record of the merged timeline, as reports show it: the record's fields, its hash, and its flags.</summary>
/// <param name="Node">The node whose trail holds it.</param>
/// <param name="Sequence">Its position in that trail.</param>
/// <param name="Time">When the node decided (UTC).</param>
/// <param name="Subject">Who acted (for a delegated access, the reader): a slash DN, or <c>oidc:issuer#sub</c> for a token's holder.</param>
/// <param name="Issuer">The subject's certificate issuer, or <c>jti:&lt;token id&gt;</c> for a token's holder.</param>
/// <param name="Fqans">The subject's VOMS FQANs, or its token's trusted <c>wlcg.groups</c>.</param>
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
/// <param name="Person">The person an identity links file links the subject to, or empty.</param>
/// <param name="TokenIssuer">For a token's holder, the token's issuer (<c>iss</c>); else empty.</param>
/// <param name="TokenSubject">For a token's holder, the token's subject (<c>sub</c>); else empty.</param>
/// <param name="TokenId">For a token's holder, the token's id (<c>jti</c>, from the issuer field); else empty.</param>
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
    IReadOnlyList<string> Flags,
    string Person,
    string TokenIssuer,
    string TokenSubject,
    string TokenId)
{
    private const string OidcPrefix = "oidc:";
    private const string TokenIdPrefix = "jti:";

    internal static AuditTimelineRecord Of(AuditEntry entry, IReadOnlyList<string> flags, IdentityLinks links)
    {
        // A refused token's subject may be "oidc:?": it names no issuer, so no token fields.
        var token = entry.Subject.StartsWith(OidcPrefix, StringComparison.Ordinal)
            && Hydra.Access.TokenSubject.TryParse(entry.Subject[OidcPrefix.Length..], out var parsed, out _) ? parsed : null;
        var tokenId = entry.Subject.StartsWith(OidcPrefix, StringComparison.Ordinal) && entry.Issuer.StartsWith(TokenIdPrefix, StringComparison.Ordinal)
            ? entry.Issuer[TokenIdPrefix.Length..]
            : string.Empty;
        return Create(entry, flags, links.PersonOf(entry.Subject)?.Name ?? string.Empty, token, tokenId);
    }

    private static AuditTimelineRecord Create(AuditEntry entry, IReadOnlyList<string> flags, string person, Hydra.Access.TokenSubject? token, string tokenId) => new(
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
        flags,
        person,
        token?.Issuer ?? string.Empty,
        token?.Subject ?? string.Empty,
        tokenId);
}
