using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>The outcome of a successful chain validation: who the credential speaks for.</summary>
/// <param name="Subject">The end-entity certificate's subject: the grid identity used in ACLs.</param>
/// <param name="Issuer">The end-entity certificate's issuer (the CA).</param>
/// <param name="EndEntityCertificate">The end-entity certificate (the first non-proxy of the chain).</param>
/// <param name="Chain">The validated part of the chain, leaf first: the proxies, then the end-entity certificate.</param>
/// <param name="ProxyDepth">How many proxies precede the end-entity certificate (0: a plain certificate).</param>
/// <param name="IsLimited">True when the leaf is a limited proxy: it may not be used for full rights.</param>
/// <param name="NotAfter">The earliest notAfter over the chain and its CA path: cache the result no longer.</param>
public sealed record GridIdentity(
    DistinguishedName Subject,
    DistinguishedName Issuer,
    X509Certificate EndEntityCertificate,
    IReadOnlyList<X509Certificate> Chain,
    int ProxyDepth,
    bool IsLimited,
    DateTimeOffset NotAfter)
{
    /// <summary>Whether the credential is a service's (a host certificate, or a proxy of one) rather than a person's.</summary>
    public bool IsHost => HostCertificates.IsHost(EndEntityCertificate);
}
