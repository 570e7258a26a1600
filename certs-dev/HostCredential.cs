using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev;

/// <summary>A keystore node's or the bridge's certificate: serverAuth and clientAuth, SANs for local testing.</summary>
public sealed class HostCredential : DevCredential
{
    internal HostCredential(
        string name, IReadOnlyList<string> dnsNames, X509Certificate certificate, AsymmetricKeyParameter privateKey, string certificatePath, string keyPath)
        : base(certificate, privateKey, certificatePath, keyPath)
    {
        Name = name;
        DnsNames = dnsNames;
    }

    /// <summary>The host's short name (e.g. <c>node1</c>).</summary>
    public string Name { get; }

    /// <summary>The subjectAltName entries: the name, <c>localhost</c> and <c>127.0.0.1</c>.</summary>
    public IReadOnlyList<string> DnsNames { get; }
}
