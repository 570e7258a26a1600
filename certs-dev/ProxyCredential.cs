using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev;

/// <summary>An RFC 3820 proxy made by <see cref="DevPki.CreateProxy"/>.</summary>
public sealed class ProxyCredential
{
    internal ProxyCredential(string path, string user, IReadOnlyList<X509Certificate> chain, AsymmetricKeyParameter privateKey,
        string? vo, IReadOnlyList<string> fqans)
    {
        Path = path;
        User = user;
        Chain = chain;
        PrivateKey = privateKey;
        Vo = vo;
        Fqans = fqans;
    }

    /// <summary>
    /// The PEM file, laid out as voms-proxy-init writes it: proxy certificate, proxy key (PKCS#1), then the chain up
    /// to and excluding the CA. Mode 0600.
    /// </summary>
    public string Path { get; }

    /// <summary>The cast member the proxy speaks for.</summary>
    public string User { get; }

    /// <summary>The chain, leaf first: this proxy, any parent proxies, the user's certificate.</summary>
    public IReadOnlyList<X509Certificate> Chain { get; }

    /// <summary>The proxy certificate.</summary>
    public X509Certificate Certificate => Chain[0];

    /// <summary>The proxy's private key.</summary>
    public AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>The VO of the AC in this proxy, or null when it carries none.</summary>
    public string? Vo { get; }

    /// <summary>The FQANs put into the AC, as requested.</summary>
    public IReadOnlyList<string> Fqans { get; }

    /// <inheritdoc />
    public override string ToString() => $"proxy of {User} ({Path})";
}
