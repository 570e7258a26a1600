using Hydra.Grid.Tls;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>Loads a service's host certificate and key, and the DNS names it answers to.</summary>
public static class HostCredentials
{
    public static TlsCredential Load(string certificatePath, string keyPath)
    {
        var (chain, key) = GridCredentialLoader.ReadCertificateAndKey(certificatePath, keyPath);
        return new TlsCredential(chain, key);
    }

    /// <summary>The DNS subject alternative names of <paramref name="certificate"/>.</summary>
    public static IReadOnlyList<string> DnsNames(X509Certificate certificate)
    {
        var names = certificate.GetSubjectAlternativeNameExtension();
        if (names is null)
        {
            return [];
        }

        return [.. names.GetNames()
            .Where(n => n.TagNo == GeneralName.DnsName)
            .Select(n => n.Name.ToString()!)];
    }
}
