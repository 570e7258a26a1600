using Hydra.Grid;

namespace Hydra.Access;

/// <summary>
/// A caller as the node authenticated it: the end-entity subject, its validated VOMS FQANs, and how it connected.
/// When a delegate (the bridge) acts for a reader, <see cref="Subject"/> is the reader and <see cref="Delegate"/> the
/// bridge (its <see cref="SubjectText"/>), and decisions are made for the reader.
/// </summary>
public sealed record CallerIdentity(
    DistinguishedName Subject,
    DistinguishedName Issuer,
    IReadOnlyList<Fqan> Fqans,
    int ProxyDepth,
    bool IsLimited,
    DateTimeOffset NotAfter,
    string Peer,
    string? Delegate = null)
{
    /// <summary>
    /// Whether the caller holds a service's host certificate (or a proxy of one). Hosts act only in the roles configured
    /// for them (owner of what they registered, creator, delegate, peer): <c>any</c> never covers them.
    /// </summary>
    public bool IsHost { get; init; }

    /// <summary>
    /// The issuer and subject of the JWT access token the caller presented, when it presented one; its trusted
    /// groups are in <see cref="Fqans"/>, matched by <c>fqan:</c> patterns like VOMS FQANs.
    /// </summary>
    public TokenSubject? Token { get; init; }

    /// <summary>
    /// The patient a trusted delegate (the bridge's patient portal) acts for, by pseudonym; <see cref="Subject"/> and
    /// <see cref="Issuer"/> are then empty and the caller has no groups.
    /// </summary>
    public PatientPseudonym? Patient { get; init; }

    /// <summary>The token's <c>jti</c> when the caller presented a token: recorded in the audit trail, never the token.</summary>
    public string? TokenId { get; init; }

    /// <summary>The end-entity certificate the caller authenticated with, when it was validated.</summary>
    public Org.BouncyCastle.X509.X509Certificate? Certificate { get; init; }

    /// <summary>
    /// Who the caller is as text: the subject in the grid slash form, <c>oidc:issuer#subject</c> for a token caller or
    /// <c>patient:PSEUDONYM</c> for a patient (whose <see cref="Subject"/> and <see cref="Issuer"/> are empty).
    /// </summary>
    public string SubjectText => Principal.Kind == PrincipalKind.DistinguishedName ? Subject.ToString() : Principal.Canonical;

    /// <summary>
    /// What the audit trail records in its issuer field: the certificate issuer, or <c>jti:&lt;token id&gt;</c> for a
    /// token caller (the token's issuer is already in <see cref="SubjectText"/>).
    /// </summary>
    public string IssuerText => Token is null ? Issuer.ToString() : "jti:" + TokenId;

    /// <summary>The principal that names exactly this caller (<c>dn:</c>, <c>oidc:</c> or <c>patient:</c>): who owns what it creates.</summary>
    public Principal Principal =>
        Patient is not null ? Principal.ForPatient(Patient) : Token is null ? Principal.ForSubject(Subject) : Principal.ForToken(Token);

    /// <summary>The FQANs as text, primary first.</summary>
    public IReadOnlyList<string> FqanTexts => [.. Fqans.Select(f => f.ToString())];
}
