using Hydra.Grid;

namespace Hydra.Access;

/// <summary>
/// The access rules of one key on one node: its owner (the certificate subject or token subject that registered it),
/// its entries, and a version bumped on each change.
/// </summary>
public sealed record KeyAcl(Principal Owner, IReadOnlyList<AclEntry> Entries, long Version)
{
    private const string OidcPrefix = "oidc:";

    /// <summary>
    /// The owner as stored and sent: a DN in the grid slash form (as before token owners existed, so old data reads
    /// unchanged) or <c>oidc:issuer#subject</c>.
    /// </summary>
    public string OwnerText => Owner.Kind == PrincipalKind.DistinguishedName ? Owner.Canonical["dn:".Length..] : Owner.Canonical;

    /// <summary>Reads <see cref="OwnerText"/> back.</summary>
    /// <exception cref="FormatException">The text is neither a slash DN nor a token principal.</exception>
    public static Principal ParseOwner(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith(OidcPrefix, StringComparison.OrdinalIgnoreCase)
            ? Principal.Parse(text)
            : Principal.ForSubject(DistinguishedName.Parse(text));
    }

    /// <summary>Whether two nodes hold the same rules: owner and entries in order (versions may differ between nodes).</summary>
    public bool SameRulesAs(KeyAcl other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Owner.Equals(other.Owner) && Entries.SequenceEqual(other.Entries);
    }
}
