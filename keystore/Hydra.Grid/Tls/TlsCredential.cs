using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.Grid.Tls;

/// <summary>
/// A certificate chain, leaf first, and the leaf's private key: a host certificate, an end-entity certificate, or an
/// RFC 3820 proxy followed by the certificates that issued it.
/// </summary>
public sealed record TlsCredential(IReadOnlyList<X509Certificate> Chain, AsymmetricKeyParameter PrivateKey)
{
    /// <summary>The certificate whose key signs the handshake.</summary>
    public X509Certificate Leaf => Chain[0];

    internal void Validate()
    {
        if (Chain is null || Chain.Count == 0)
        {
            throw new ArgumentException("A TLS credential needs at least one certificate.", nameof(Chain));
        }

        if (PrivateKey is null || !PrivateKey.IsPrivate)
        {
            throw new ArgumentException("A TLS credential needs the leaf's private key.", nameof(PrivateKey));
        }
    }
}
