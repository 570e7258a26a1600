using System.Security.Cryptography;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.X509;

namespace Hydra.Sharing;

/// <summary>
/// A share envelope encrypted to one keystore node's host certificate, for shares that wait for a node that is down
/// (the bridge's hand-off queue): only that node can open it, so a stolen hand-off queue holding shares for two
/// nodes reveals nothing. CMS EnvelopedData (RFC 5652) with RSAES-OAEP (SHA-256) key transport and AES-256-CBC;
/// the content is the envelope followed by its SHA-256, so an altered blob is refused rather than stored.
/// </summary>
public static class SealedEnvelopes
{
    private const string OaepSha256 = "RSA/NONE/OAEPWITHSHA256ANDMGF1PADDING";
    private const int HashLength = 32;

    public static byte[] Seal(ShareEnvelope envelope, X509Certificate nodeCertificate)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(nodeCertificate);
        var bytes = envelope.ToBytes();
        var content = new byte[bytes.Length + HashLength];
        try
        {
            bytes.CopyTo(content, 0);
            SHA256.HashData(bytes, content.AsSpan(bytes.Length));
            var generator = new CmsEnvelopedDataGenerator();
            generator.AddRecipientInfoGenerator(new KeyTransRecipientInfoGenerator(nodeCertificate, new Asn1KeyWrapper(OaepSha256, nodeCertificate)));
            return generator.Generate(new CmsProcessableByteArray(content), Org.BouncyCastle.Asn1.Nist.NistObjectIdentifiers.IdAes256Cbc).GetEncoded();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>Opens a sealed envelope with the node's host key.</summary>
    /// <exception cref="ShareException">Not addressed to this key, malformed, or altered.</exception>
    public static byte[] Open(ReadOnlySpan<byte> sealedEnvelope, X509Certificate nodeCertificate, AsymmetricKeyParameter nodeKey)
    {
        byte[] content;
        try
        {
            var enveloped = new CmsEnvelopedData(sealedEnvelope.ToArray());
            var recipient = enveloped.GetRecipientInfos().GetFirstRecipient(new RecipientID
            {
                Issuer = nodeCertificate.IssuerDN,
                SerialNumber = nodeCertificate.SerialNumber,
            }) ?? throw new ShareException(ShareErrorReason.Malformed, "The sealed share is not addressed to this node's certificate.");
            content = recipient.GetContent(nodeKey);
        }
        catch (Exception ex) when (ex is CmsException or CryptoException or IOException or ArgumentException or InvalidOperationException
            or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            throw new ShareException(ShareErrorReason.Malformed, $"The sealed share cannot be opened: {ex.Message}");
        }

        if (content.Length <= HashLength
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(content.AsSpan(0, content.Length - HashLength)), content.AsSpan(content.Length - HashLength)))
        {
            CryptographicOperations.ZeroMemory(content);
            throw new ShareException(ShareErrorReason.Malformed, "The sealed share was altered: its content hash does not match.");
        }

        var envelope = content[..^HashLength];
        CryptographicOperations.ZeroMemory(content);
        return envelope;
    }
}
