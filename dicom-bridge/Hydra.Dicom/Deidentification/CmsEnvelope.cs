using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// CMS EnvelopedData (RFC 5652) for the Encrypted Content (0400,0520): the content encrypted once with a fresh key,
/// that key wrapped for each re-identification certificate by RSA key transport, recipients named by issuer and
/// serial number. This is the layout `gdcmanon -d` reads (OpenSSL CMS_decrypt): tested with AES-128/192/256-CBC and
/// both RSAES-PKCS1-v1_5 and RSAES-OAEP.
/// </summary>
internal sealed class CmsEnvelope
{
    private static readonly SecureRandom Random = new();

    private readonly (BcCertificate Certificate, RsaKeyWrapper Wrapper)[] _recipients;
    private readonly DerObjectIdentifier _contentAlgorithm;

    public CmsEnvelope(IEnumerable<X509Certificate2> recipients, ContentEncryptionAlgorithm content, KeyTransportAlgorithm keyTransport)
    {
        _recipients = [.. recipients.Select(certificate => (new BcCertificate(certificate.RawData),
            new RsaKeyWrapper(certificate.GetRSAPublicKey()!, keyTransport)))];
        _contentAlgorithm = content switch
        {
            ContentEncryptionAlgorithm.Aes128Cbc => NistObjectIdentifiers.IdAes128Cbc,
            ContentEncryptionAlgorithm.Aes192Cbc => NistObjectIdentifiers.IdAes192Cbc,
            _ => NistObjectIdentifiers.IdAes256Cbc,
        };
    }

    /// <summary>How many certificates can open what <see cref="Encrypt"/> produces.</summary>
    public int RecipientCount => _recipients.Length;

    /// <summary>The DER/BER encoding of a ContentInfo holding EnvelopedData of <paramref name="content"/> (id-data).</summary>
    public byte[] Encrypt(byte[] content)
    {
        var generator = new CmsEnvelopedDataGenerator(Random);
        foreach (var (certificate, wrapper) in _recipients)
        {
            generator.AddRecipientInfoGenerator(new KeyTransRecipientInfoGenerator(certificate, wrapper));
        }

        return generator.Generate(new CmsProcessableByteArray(CmsObjectIdentifiers.Data, content), _contentAlgorithm).GetEncoded();
    }

    /// <summary>
    /// The content of EnvelopedData <paramref name="encoded"/> for <paramref name="key"/>'s certificate; null when the
    /// certificate is not a recipient. Throws <see cref="CmsException"/> or <see cref="IOException"/> when the structure
    /// or the key is wrong.
    /// </summary>
    public static byte[]? Decrypt(byte[] encoded, ReidentificationKey key)
    {
        // One ASN.1 object is read and whatever follows ignored: an odd-length value carries the OB padding byte (PS3.5 7.1.1).
        using var input = new Asn1InputStream(encoded);
        var enveloped = new CmsEnvelopedData(ContentInfo.GetInstance(input.ReadObject()));
        var recipient = enveloped.GetRecipientInfos().GetFirstRecipient(new RecipientID
        {
            Issuer = key.Certificate.IssuerDN,
            SerialNumber = key.Certificate.SerialNumber,
        });
        return recipient?.GetContent(key.PrivateKey);
    }
}
