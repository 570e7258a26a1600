using Hydra.Access;
using Hydra.Grid;

namespace Hydra.Tokens;

/// <summary>
/// A validated access token: who (<see cref="Subject"/>, principal <c>oidc:issuer#sub</c>), the groups of VOs the
/// issuer is trusted for, the groups it claimed for other VOs (dropped, kept here to report), scopes, and expiry.
/// </summary>
public sealed record TokenIdentity(
    TokenSubject Subject,
    IReadOnlyList<Fqan> Groups,
    IReadOnlyList<string> DroppedGroups,
    IReadOnlyList<string> Scopes,
    string TokenId,
    DateTimeOffset Expires)
{
    /// <summary>The principal text, <c>oidc:issuer#sub</c>.</summary>
    public string Principal => Hydra.Access.Principal.ForToken(Subject).Canonical;
}
