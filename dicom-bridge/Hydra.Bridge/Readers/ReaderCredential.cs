using Hydra.Cluster;
using Org.BouncyCastle.X509;

namespace Hydra.Bridge.Readers;

/// <summary>
/// What the bridge forwards to the keystore nodes to fetch keys on a reader's behalf: the certificate chain the reader
/// presented in TLS, or the bearer token it called with (which the nodes validate against their own audiences). The
/// bridge itself always connects with its host certificate, as a delegate; nodes audit both identities.
/// </summary>
internal sealed class ReaderCredential
{
    private readonly string? _token;
    private readonly IReadOnlyList<X509Certificate>? _chain;

    private ReaderCredential(string? token, IReadOnlyList<X509Certificate>? chain)
    {
        _token = token;
        _chain = chain;
    }

    public static ReaderCredential Token(string token) => new(token ?? throw new ArgumentNullException(nameof(token)), null);

    public static ReaderCredential Chain(IReadOnlyList<X509Certificate> chain) => new(null, chain ?? throw new ArgumentNullException(nameof(chain)));

    /// <summary>A view of <paramref name="cluster"/> (sharing its connections) whose key fetches are made for this reader.</summary>
    public KeystoreCluster Delegate(KeystoreCluster cluster) =>
        _token is not null ? cluster.OnBehalfOf(_token) : cluster.OnBehalfOf(_chain!);

    // Never the token itself: this may end up in a log or a debugger.
    public override string ToString() => _token is not null ? "bearer token" : "certificate chain";
}
