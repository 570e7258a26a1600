using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>
/// Validates a presented certificate chain (leaf first): RFC 3820 proxies down to an end-entity certificate, and that
/// certificate up to a CA of the <see cref="GridTrustStore"/>. .NET's X509Chain cannot do this on Linux (it throws on
/// proxies, dotnet/runtime#41916), so all of it is done here on BouncyCastle types. A plain end-entity certificate is
/// validated the same way, with depth 0. Thread-safe.
/// </summary>
public sealed class ProxyChainValidator
{
    private static readonly HashSet<string> HandledEndEntityExtensions =
    [
        "2.5.29.15", "2.5.29.19", "2.5.29.37", "2.5.29.17", "2.5.29.32",
    ];

    private static readonly HashSet<string> HandledProxyExtensions =
    [
        GridOids.ProxyCertInfo.Id, "2.5.29.15", "2.5.29.19", "2.5.29.37",
    ];

    private readonly GridTrustStore _trustStore;
    private readonly ProxyChainValidatorOptions _options;

    public ProxyChainValidator(GridTrustStore trustStore, ProxyChainValidatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trustStore);
        _trustStore = trustStore;
        _options = options ?? ProxyChainValidatorOptions.Default;
    }

    /// <summary>Validates <paramref name="chainLeafFirst"/> at <paramref name="now"/>.</summary>
    /// <exception cref="GridCredentialException">The chain is refused; <see cref="GridCredentialException.Error"/> says why.</exception>
    public GridIdentity Validate(IReadOnlyList<X509Certificate> chainLeafFirst, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chainLeafFirst);
        if (chainLeafFirst.Count == 0 || chainLeafFirst.Count > _options.MaxChainLength)
        {
            throw new GridCredentialException(GridCredentialError.Malformed,
                $"A chain must hold 1 to {_options.MaxChainLength} certificates; this one holds {chainLeafFirst.Count}.");
        }

        var eecIndex = FindEndEntity(chainLeafFirst);
        var eec = chainLeafFirst[eecIndex];
        var notAfter = ValidateEndEntity(eec, now);
        var eecKey = eec.GetPublicKey();
        var limited = false;
        for (var i = eecIndex - 1; i >= 0; i--)
        {
            var issuerKey = i == eecIndex - 1 ? eecKey : chainLeafFirst[i + 1].GetPublicKey();
            limited = ValidateProxy(chainLeafFirst[i], chainLeafFirst[i + 1], issuerKey, i, limited, now);
            notAfter = Min(notAfter, new DateTimeOffset(chainLeafFirst[i].NotAfter, TimeSpan.Zero));
        }

        return new GridIdentity(
            DistinguishedName.FromX509Name(eec.SubjectDN),
            DistinguishedName.FromX509Name(eec.IssuerDN),
            eec,
            [.. chainLeafFirst.Take(eecIndex + 1)],
            eecIndex,
            limited,
            notAfter);
    }

    private static int FindEndEntity(IReadOnlyList<X509Certificate> chain)
    {
        for (var i = 0; i < chain.Count; i++)
        {
            switch (ProxyCertInfo.Classify(chain[i]))
            {
                case ProxyKind.None:
                    return i;
                case ProxyKind.Gt3Draft:
                case ProxyKind.Legacy:
                    throw new GridCredentialException(GridCredentialError.DeprecatedProxyType,
                        $"The proxy '{CertificateChecks.Describe(chain[i])}' is a {(ProxyCertInfo.Classify(chain[i]) == ProxyKind.Legacy ? "legacy (CN=proxy)" : "GT3 draft")} proxy; only RFC 3820 proxies are accepted.");
            }
        }

        throw new GridCredentialException(GridCredentialError.Malformed,
            "The chain holds only proxies: the end-entity certificate that issued them is missing.");
    }

    private DateTimeOffset ValidateEndEntity(X509Certificate eec, DateTimeOffset now)
    {
        if (CertificateChecks.IsCa(eec))
        {
            throw new GridCredentialException(GridCredentialError.InvalidCertificateUsage,
                $"The end-entity certificate '{CertificateChecks.Describe(eec)}' is a CA certificate.");
        }

        CertificateChecks.RequireValidAt(eec, now, TimeSpan.Zero, "end-entity");
        CertificateChecks.RejectUnknownCriticalExtensions(eec, HandledEndEntityExtensions, "end-entity");
        return _trustStore.ValidatePath(eec, now, "end-entity");
    }

    /// <summary>RFC 3820 §3 and canl-java checkPairWithProxy. Returns whether this proxy is limited.</summary>
    private bool ValidateProxy(
        X509Certificate proxy, X509Certificate issuer, AsymmetricKeyParameter issuerKey, int proxiesBelow, bool issuerLimited, DateTimeOffset now)
    {
        var name = CertificateChecks.Describe(proxy);
        var info = ProxyCertInfo.Read(proxy);
        CheckProxyNames(proxy, issuer, name);
        if (CertificateChecks.IsCa(proxy) || CertificateChecks.IsCa(issuer))
        {
            throw new GridCredentialException(GridCredentialError.InvalidCertificateUsage,
                $"The proxy '{name}' or its issuer is a CA certificate (RFC 3820 §3.7, §3.1).");
        }

        if (!CertificateChecks.AllowsKeyUsage(issuer, KeyUsageBits.DigitalSignature))
        {
            throw new GridCredentialException(GridCredentialError.InvalidCertificateUsage,
                $"The issuer of the proxy '{name}' lacks the digitalSignature key usage (RFC 3820 §3.1).");
        }

        CertificateChecks.RejectUnknownCriticalExtensions(proxy, HandledProxyExtensions, "proxy");
        CheckPolicy(info, issuerLimited, name);
        if (info.PathLength is { } pathLength && proxiesBelow > pathLength)
        {
            throw new GridCredentialException(GridCredentialError.PathLengthExceeded,
                $"The proxy '{name}' allows {pathLength} further proxies; {proxiesBelow} follow it.");
        }

        CertificateChecks.RequireValidAt(proxy, now, _options.ProxyNotBeforeGrace, "proxy");
        CertificateChecks.RequireSignedBy(proxy, issuerKey, "proxy");
        return info.IsLimited;
    }

    private static void CheckProxyNames(X509Certificate proxy, X509Certificate issuer, string name)
    {
        var issuerSubject = DistinguishedName.FromX509Name(issuer.SubjectDN);
        if (issuerSubject.IsEmpty || !DistinguishedName.FromX509Name(proxy.IssuerDN).Equals(issuerSubject))
        {
            throw new GridCredentialException(GridCredentialError.ProxyNameViolation,
                $"The proxy '{name}' names issuer '{DistinguishedName.FromX509Name(proxy.IssuerDN)}', but the next certificate is '{issuerSubject}'.");
        }

        if (!DistinguishedName.FromX509Name(proxy.SubjectDN).IsParentPlusOneCommonName(issuerSubject))
        {
            throw new GridCredentialException(GridCredentialError.ProxyNameViolation,
                $"The proxy subject '{name}' is not its issuer's subject '{issuerSubject}' plus one CN (RFC 3820 §3.4).");
        }

        if (CertificateChecks.HasExtension(proxy, CertificateChecks.SubjectAltName)
            || CertificateChecks.HasExtension(proxy, CertificateChecks.IssuerAltName))
        {
            throw new GridCredentialException(GridCredentialError.ProxyNameViolation,
                $"The proxy '{name}' carries a subjectAltName or issuerAltName (RFC 3820 §3.2, §3.5).");
        }
    }

    private static void CheckPolicy(ProxyCertInfo info, bool issuerLimited, string name)
    {
        if (!info.IsLimited && !info.PolicyLanguage.Equals(GridOids.InheritAllPolicy))
        {
            throw new GridCredentialException(GridCredentialError.UnsupportedProxyPolicy,
                $"The proxy '{name}' has policy language {info.PolicyLanguage.Id}; only inheritAll and limited are accepted.");
        }

        if (issuerLimited && !info.IsLimited)
        {
            throw new GridCredentialException(GridCredentialError.LimitedProxyMisuse,
                $"The proxy '{name}' is a full proxy signed by a limited proxy.");
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
