using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// RSA key transport for BouncyCastle's CMS generator done by .NET's RSA (OpenSSL underneath): BouncyCastle's managed
/// RSA takes about 0.5 ms per public-key operation here, .NET's about 0.03 ms, and one runs per image and recipient.
/// The algorithm identifiers are those BouncyCastle's own wrappers write: rsaEncryption with NULL parameters (RFC 3370
/// 4.2.1), or id-RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 4055 4.1). It holds a public key for as long as the
/// de-identifier lives, normally the process.
/// </summary>
internal sealed class RsaKeyWrapper : IKeyWrapper
{
    private readonly RSA _rsa;
    private readonly RSAEncryptionPadding _padding;
    private readonly Lock _gate = new();

    public RsaKeyWrapper(RSA publicKey, KeyTransportAlgorithm algorithm)
    {
        _rsa = publicKey;
        if (algorithm == KeyTransportAlgorithm.RsaOaepSha256)
        {
            _padding = RSAEncryptionPadding.OaepSHA256;
            var sha256 = new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256, DerNull.Instance);
            AlgorithmDetails = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsaesOaep, new RsaesOaepParameters(
                sha256, new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, sha256), RsaesOaepParameters.DefaultPSourceAlgorithm));
        }
        else
        {
            _padding = RSAEncryptionPadding.Pkcs1;
            AlgorithmDetails = new AlgorithmIdentifier(PkcsObjectIdentifiers.RsaEncryption, DerNull.Instance);
        }
    }

    public object AlgorithmDetails { get; }

    public IBlockResult Wrap(byte[] keyData)
    {
        // One RSA instance per recipient, shared by every image: serialise, as RSA objects promise no thread safety.
        lock (_gate)
        {
            return new SimpleBlockResult(_rsa.Encrypt(keyData, _padding));
        }
    }
}
