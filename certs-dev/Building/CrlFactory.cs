using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Hydra.CertsDev.Building;

/// <summary>Issues a v2 CRL (RFC 5280 §5) for the dev CA, listing revoked serials with reason keyCompromise.</summary>
internal static class CrlFactory
{
    public static X509Crl Create(SigningIdentity ca, IEnumerable<BigInteger> revoked, DateTime thisUpdate, DateTime nextUpdate, long number)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(ca.Certificate.SubjectDN);
        generator.SetThisUpdate(thisUpdate);
        generator.SetNextUpdate(nextUpdate);
        foreach (var serial in revoked)
        {
            generator.AddCrlEntry(serial, thisUpdate, CrlReason.KeyCompromise);
        }

        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(number)));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false,
            X509ExtensionUtilities.CreateAuthorityKeyIdentifier(ca.Certificate.GetPublicKey()));
        return generator.Generate(CertificateFactory.Signer(ca.PrivateKey));
    }
}
