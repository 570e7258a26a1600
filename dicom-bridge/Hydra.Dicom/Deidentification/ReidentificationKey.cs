using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Hydra.Dicom.Deidentification;

/// <summary>A re-identification officer's certificate and RSA private key, which open the Encrypted Attributes Sequence.</summary>
public sealed class ReidentificationKey
{
    private ReidentificationKey(BcCertificate certificate, AsymmetricKeyParameter privateKey)
    {
        Certificate = certificate;
        PrivateKey = privateKey;
    }

    internal BcCertificate Certificate { get; }

    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>Reads a PEM certificate and a PEM RSA private key (PKCS#1 or unencrypted PKCS#8), as certs-dev writes them.</summary>
    public static ReidentificationKey FromPemFiles(string certificatePath, string privateKeyPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificatePath);
        ArgumentException.ThrowIfNullOrEmpty(privateKeyPath);
        var certificate = new BcCertificate(X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath)).RawData);
        using var reader = new StringReader(File.ReadAllText(privateKeyPath));
        var key = new PemReader(reader).ReadObject() switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter { IsPrivate: true } single => single,
            _ => throw new ArgumentException($"{privateKeyPath} holds no unencrypted private key.", nameof(privateKeyPath)),
        };
        return new ReidentificationKey(certificate, key);
    }

    /// <summary>Takes a certificate that carries its RSA private key (e.g. from a PFX or the certificate store).</summary>
    public static ReidentificationKey FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var rsa = certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("The certificate carries no RSA private key.", nameof(certificate));
        var key = DotNetUtilities.GetRsaKeyPair(rsa.ExportParameters(includePrivateParameters: true)).Private;
        return new ReidentificationKey(new BcCertificate(certificate.RawData), key);
    }
}
