using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>
/// Tells a service's (a host's) certificate from a person's. Grid CAs issue host certificates for TLS servers (extended
/// key usage serverAuth, a DNS name in the subject alternative names) and user certificates for clients only (clientAuth):
/// IGTF profiles, and the dev PKI, follow that split.
/// </summary>
public static class HostCertificates
{
    /// <summary>The serverAuth key purpose (RFC 5280 4.2.1.12).</summary>
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>Whether <paramref name="endEntity"/> is a host certificate: it is for TLS servers, or it names a DNS host.</summary>
    public static bool IsHost(X509Certificate endEntity)
    {
        ArgumentNullException.ThrowIfNull(endEntity);
        return endEntity.GetExtendedKeyUsage()?.Any(u => u.Id == ServerAuth) == true
            || (endEntity.GetSubjectAlternativeNameExtension()?.GetNames().Any(n => n.TagNo == GeneralName.DnsName) ?? false);
    }

    /// <summary>Whether <paramref name="certificate"/> may serve TLS: no extended key usage at all, or one with serverAuth.</summary>
    public static bool MayServeTls(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var usages = certificate.GetExtendedKeyUsage();
        return usages is null || usages.Count == 0 || usages.Any(u => u.Id == ServerAuth);
    }
}
