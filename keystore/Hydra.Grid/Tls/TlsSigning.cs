using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TlsCertificateMessage = Org.BouncyCastle.Tls.Certificate;

namespace Hydra.Grid.Tls;

/// <summary>Builds the BouncyCastle signer that proves possession of a credential's key in a handshake.</summary>
internal static class TlsSigning
{
    private static readonly SignatureAndHashAlgorithm RsaPkcs1Sha256 = new(HashAlgorithm.sha256, SignatureAlgorithm.rsa);
    private static readonly SignatureAndHashAlgorithm EcdsaSha256 = new(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
    private static readonly X9ECParameters P256 = ECNamedCurveTable.GetByName("P-256");

    /// <summary>The signer for <paramref name="credential"/>, with an algorithm the peer accepts.</summary>
    public static TlsCredentialedSigner CreateSigner(
        TlsContext context,
        BcTlsCrypto crypto,
        TlsCredential credential,
        TlsCertificateMessage certificateMessage,
        IList<SignatureAndHashAlgorithm>? peerAlgorithms)
    {
        var algorithm = ChooseAlgorithm(context, credential, peerAlgorithms);
        return new BcDefaultTlsCredentialedSigner(
            new TlsCryptoParameters(context), crypto, credential.PrivateKey, certificateMessage, algorithm);
    }

    /// <summary>The Certificate handshake message carrying <paramref name="credential"/>'s chain.</summary>
    public static TlsCertificateMessage CreateCertificateMessage(
        TlsContext context,
        BcTlsCrypto crypto,
        TlsCredential credential,
        byte[]? requestContext)
    {
        var certificates = credential.Chain
            .Select(certificate => (TlsCertificate)new BcTlsCertificate(crypto, certificate.CertificateStructure))
            .ToArray();
        if (!TlsUtilities.IsTlsV13(context))
        {
            return new TlsCertificateMessage(certificates);
        }

        var entries = certificates.Select(certificate => new CertificateEntry(certificate, null)).ToArray();
        return new TlsCertificateMessage(requestContext ?? TlsUtilities.EmptyBytes, entries);
    }

    private static SignatureAndHashAlgorithm ChooseAlgorithm(
        TlsContext context,
        TlsCredential credential,
        IList<SignatureAndHashAlgorithm>? peerAlgorithms)
    {
        var tls13 = TlsUtilities.IsTlsV13(context);
        switch (credential.PrivateKey)
        {
            case RsaKeyParameters:
                if (tls13 || Offers(peerAlgorithms, SignatureAndHashAlgorithm.rsa_pss_rsae_sha256))
                {
                    return SignatureAndHashAlgorithm.rsa_pss_rsae_sha256;
                }

                return RsaPkcs1Sha256;
            case ECPrivateKeyParameters ec when IsP256(ec):
                // ecdsa_secp256r1_sha256 in TLS 1.3; (sha256, ecdsa) in TLS 1.2, which every client offers.
                return EcdsaSha256;
            default:
                throw new TlsFatalAlert(AlertDescription.internal_error, "Only RSA and ECDSA (P-256) keys are supported.");
        }
    }

    private static bool IsP256(ECPrivateKeyParameters key) =>
        key.Parameters.Curve.Equals(P256.Curve) && key.Parameters.G.Equals(P256.G);

    private static bool Offers(IList<SignatureAndHashAlgorithm>? algorithms, SignatureAndHashAlgorithm algorithm) =>
        algorithms is not null && algorithms.Any(candidate => candidate.Equals(algorithm));
}
