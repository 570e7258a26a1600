using System.Net;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Hydra.CertsDev.Building;

/// <summary>
/// Issues the dev PKI's CA and end-entity certificates in the grid profile (OGF GFD.225 in spirit): SHA-256 with RSA
/// (the CA's key, whatever the subject's: RSA, or EC P-256 for EC hosts), method-1 subject key identifiers, critical
/// basicConstraints and keyUsage.
/// </summary>
internal static class CertificateFactory
{
    public const string SignatureAlgorithm = "SHA256WITHRSA";

    public static X509Certificate SelfSignedCa(X509Name subject, KeyMaterial key, DateTime notBefore, DateTime notAfter)
    {
        var generator = NewGenerator(subject, subject, key.Public, notBefore, notAfter);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(key.Public));
        return generator.Generate(Signer(key.Private));
    }

    public static X509Certificate EndEntity(
        SigningIdentity ca,
        X509Name subject,
        AsymmetricKeyParameter publicKey,
        DateTime notBefore,
        DateTime notAfter,
        EndEntityProfile profile,
        IReadOnlyList<string> dnsNames)
    {
        var generator = NewGenerator(ca.Certificate.SubjectDN, subject, publicKey, notBefore, notAfter);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        // An EC key only signs (ECDHE_ECDSA, TLS 1.3): RFC 5480 section 3 rules out the encipherment bits for it.
        generator.AddExtension(X509Extensions.KeyUsage, true, publicKey is ECPublicKeyParameters
            ? new KeyUsage(KeyUsage.DigitalSignature)
            : new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment | KeyUsage.DataEncipherment));
        generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, profile == EndEntityProfile.Host
            ? new ExtendedKeyUsage(KeyPurposeID.id_kp_serverAuth, KeyPurposeID.id_kp_clientAuth)
            : new ExtendedKeyUsage(KeyPurposeID.id_kp_clientAuth));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(publicKey));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false,
            X509ExtensionUtilities.CreateAuthorityKeyIdentifier(ca.Certificate.GetPublicKey()));
        if (dnsNames.Count > 0)
        {
            generator.AddExtension(X509Extensions.SubjectAlternativeName, false, AlternativeNames(dnsNames));
        }

        return generator.Generate(Signer(ca.PrivateKey));
    }

    public static ISignatureFactory Signer(AsymmetricKeyParameter privateKey) => new Asn1SignatureFactory(SignatureAlgorithm, privateKey);

    public static X509V3CertificateGenerator NewGenerator(
        X509Name issuer, X509Name subject, AsymmetricKeyParameter publicKey, DateTime notBefore, DateTime notAfter)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(Serials.NewSerial());
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore);
        generator.SetNotAfter(notAfter);
        generator.SetPublicKey(publicKey);
        return generator;
    }

    private static GeneralNames AlternativeNames(IReadOnlyList<string> names) => new(names
        .Select(name => IPAddress.TryParse(name, out _)
            ? new GeneralName(GeneralName.IPAddress, name)
            : new GeneralName(GeneralName.DnsName, name))
        .ToArray());
}
