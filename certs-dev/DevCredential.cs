using Hydra.Grid;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev;

/// <summary>A certificate of the dev PKI with its private key, both as files and as BouncyCastle objects.</summary>
public class DevCredential
{
    internal DevCredential(X509Certificate certificate, AsymmetricKeyParameter privateKey, string certificatePath, string keyPath)
    {
        Certificate = certificate;
        PrivateKey = privateKey;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        Subject = DistinguishedName.FromX509Name(certificate.SubjectDN);
    }

    /// <summary>The certificate.</summary>
    public X509Certificate Certificate { get; }

    /// <summary>The private key (PKCS#1, or SEC 1 for an EC host, in <see cref="KeyPath"/>, mode 0600).</summary>
    public AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>The PEM certificate file (mode 0644).</summary>
    public string CertificatePath { get; }

    /// <summary>The PEM <c>RSA PRIVATE KEY</c> file (<c>EC PRIVATE KEY</c> for an EC host; mode 0600).</summary>
    public string KeyPath { get; }

    /// <summary>The certificate's subject.</summary>
    public DistinguishedName Subject { get; }

    /// <summary>The subject in grid slash form, DER order.</summary>
    public string SubjectDn => Subject.ToString();

    /// <inheritdoc />
    public override string ToString() => $"{SubjectDn} ({CertificatePath})";
}
