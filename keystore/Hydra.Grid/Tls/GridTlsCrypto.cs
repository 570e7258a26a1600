using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Hydra.Grid.Tls;

/// <summary>
/// BouncyCastle's TLS crypto with the record layer's AEAD ciphers (AES-GCM, ChaCha20-Poly1305) done by .NET, that is
/// by OpenSSL with AES-NI and PCLMULQDQ: measured here 2.3-2.7 times BouncyCastle's managed GCM on 16 KiB records, and
/// every byte the bridge serves crosses it twice. Outgoing records are sealed into one buffer per connection
/// (<see cref="ReusingAeadCipher"/>). BouncyCastle keeps the handshake, where the grid's proxy
/// certificates need it (dotnet/runtime#41916); the record format is the same, only who computes it changes.
/// </summary>
internal sealed class GridTlsCrypto(SecureRandom entropySource) : BcTlsCrypto(entropySource)
{
    protected override TlsAeadCipher CreateCipher_Aes_Gcm(TlsCryptoParameters cryptoParams, int cipherKeySize, int macSize) =>
        System.Security.Cryptography.AesGcm.IsSupported && macSize == DotNetAeadCipher.TagSize
            ? new ReusingAeadCipher(
                cryptoParams, new DotNetAeadCipher(DotNetAeadCipher.Algorithm.AesGcm, encrypting: true),
                new DotNetAeadCipher(DotNetAeadCipher.Algorithm.AesGcm, encrypting: false), cipherKeySize, macSize, TlsAeadCipher.AEAD_GCM)
            : base.CreateCipher_Aes_Gcm(cryptoParams, cipherKeySize, macSize);

    protected override TlsCipher CreateChaCha20Poly1305(TlsCryptoParameters cryptoParams) =>
        System.Security.Cryptography.ChaCha20Poly1305.IsSupported
            ? new ReusingAeadCipher(
                cryptoParams, new DotNetAeadCipher(DotNetAeadCipher.Algorithm.ChaCha20Poly1305, encrypting: true),
                new DotNetAeadCipher(DotNetAeadCipher.Algorithm.ChaCha20Poly1305, encrypting: false), 32, DotNetAeadCipher.TagSize,
                TlsAeadCipher.AEAD_CHACHA20_POLY1305)
            : base.CreateChaCha20Poly1305(cryptoParams);
}
