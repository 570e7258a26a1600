using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev;

/// <summary>A VOMS attribute authority's certificate and key (the trusted one, or the rogue one).</summary>
public sealed class AttributeAuthorityCredential : DevCredential
{
    internal AttributeAuthorityCredential(
        string hostName, X509Certificate certificate, AsymmetricKeyParameter privateKey, string certificatePath, string keyPath)
        : base(certificate, privateKey, certificatePath, keyPath)
    {
        HostName = hostName;
    }

    /// <summary>The AA's host name, as in policy authority URIs and .lsc file names.</summary>
    public string HostName { get; }
}
