using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>A CA certificate from the trust directory, parsed once, with its public key and current CRL.</summary>
internal sealed class TrustedAuthority
{
    public TrustedAuthority(X509Certificate certificate, string fileName)
    {
        Certificate = certificate;
        FileName = fileName;
        Subject = DistinguishedName.FromX509Name(certificate.SubjectDN);
        IsSelfIssued = Subject.Equals(DistinguishedName.FromX509Name(certificate.IssuerDN));

        // Parse the key once: BouncyCastle runs a primality test on every new RSA public key (tens of ms).
        PublicKey = certificate.GetPublicKey();
    }

    public X509Certificate Certificate { get; }

    public string FileName { get; }

    public DistinguishedName Subject { get; }

    public bool IsSelfIssued { get; }

    public AsymmetricKeyParameter PublicKey { get; }

    public X509Crl? Crl { get; set; }
}
