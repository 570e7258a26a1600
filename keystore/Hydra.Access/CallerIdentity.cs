using Hydra.Grid;

namespace Hydra.Access;

/// <summary>
/// A caller as the node authenticated it: the end-entity subject, its validated VOMS FQANs, and how it connected.
/// When a delegate (the bridge) acts for a reader, <see cref="Subject"/> is the reader and <see cref="Delegate"/> the
/// bridge, and decisions are made for the reader.
/// </summary>
public sealed record CallerIdentity(
    DistinguishedName Subject,
    DistinguishedName Issuer,
    IReadOnlyList<Fqan> Fqans,
    int ProxyDepth,
    bool IsLimited,
    DateTimeOffset NotAfter,
    string Peer,
    DistinguishedName? Delegate = null)
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

    /// <summary>The end-entity certificate the caller authenticated with, when it was validated.</summary>
    public Org.BouncyCastle.X509.X509Certificate? Certificate { get; init; }

    /// <summary>The subject in the grid slash form.</summary>
    public string SubjectText => Subject.ToString();

    /// <summary>The FQANs as text, primary first.</summary>
    public IReadOnlyList<string> FqanTexts => [.. Fqans.Select(f => f.ToString())];
}
