namespace Hydra.Access;

/// <summary>The kinds of principal an ACL entry or a role can name.</summary>
public enum PrincipalKind
{
    /// <summary>One end-entity subject, compared structurally.</summary>
    DistinguishedName,

    /// <summary>Callers holding a validated VOMS FQAN that matches a pattern.</summary>
    Fqan,

    /// <summary>The subject of JWT access tokens from one trusted issuer (<c>oidc:issuer#sub</c>).</summary>
    Oidc,

    /// <summary>
    /// One patient, by the keyed pseudonym the bridge gives them at de-identification (<c>patient:PSEUDONYM</c>): never
    /// the hospital's identifier. Only a delegate trusted to vouch for patients can act as one.
    /// </summary>
    Patient,

    /// <summary>Any authenticated person (never a service's host certificate).</summary>
    Any,
}
