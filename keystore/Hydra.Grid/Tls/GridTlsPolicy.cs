using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace Hydra.Grid.Tls;

/// <summary>What both ends of a grid TLS connection offer, in one place so client and server cannot drift apart.</summary>
internal static class GridTlsPolicy
{
    private static readonly int[] AeadCipherSuites =
    [
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    ];

    /// <summary>TLS 1.3, then 1.2.</summary>
    public static ProtocolVersion[] SupportedVersions() => ProtocolVersion.TLSv13.DownTo(ProtocolVersion.TLSv12);

    /// <summary>AEAD suites only, those the crypto provider implements: what a client offers.</summary>
    public static int[] CipherSuites(TlsCrypto crypto) => TlsUtilities.GetSupportedCipherSuites(crypto, AeadCipherSuites);

    /// <summary>
    /// The suites a server holding <paramref name="serverKey"/> can complete. A TLS 1.2 suite names how the server
    /// authenticates (ECDHE_RSA or ECDHE_ECDSA), and BouncyCastle picks among the offered suites in the client's order
    /// without looking at the server's key: offering both would let a client that prefers ECDSA (openssl's default)
    /// select a suite the server's certificate cannot sign for. TLS 1.3 suites leave that to the signature algorithms.
    /// </summary>
    public static int[] ServerCipherSuites(TlsCrypto crypto, AsymmetricKeyParameter serverKey) =>
        [.. CipherSuites(crypto).Where(suite => Authenticates(TlsUtilities.GetKeyExchangeAlgorithm(suite), serverKey))];

    /// <summary>ALPN names; none at all when no protocol is configured (DICOM over TLS has none).</summary>
    public static IList<ProtocolName>? ProtocolNames(IReadOnlyList<string> applicationProtocols) =>
        applicationProtocols.Count == 0 ? null : applicationProtocols.Select(ProtocolName.AsUtf8Encoding).ToList();

    private static bool Authenticates(int keyExchange, AsymmetricKeyParameter serverKey) => keyExchange switch
    {
        KeyExchangeAlgorithm.NULL => true,
        KeyExchangeAlgorithm.ECDHE_RSA => serverKey is RsaKeyParameters,
        KeyExchangeAlgorithm.ECDHE_ECDSA => serverKey is ECPrivateKeyParameters,
        _ => false,
    };
}
