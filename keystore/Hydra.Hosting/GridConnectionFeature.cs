using Hydra.Access;
using Hydra.Grid.Tls;

namespace Hydra.Hosting;

/// <summary>
/// Per-connection state: the TLS session (with the client's whole chain) and the caller identity validated from it,
/// cached until the credential expires or the trust material is reloaded.
/// </summary>
public sealed class GridConnectionFeature
{
    private Cached? _cached;

    public GridConnectionFeature(GridTlsSession session, string peer)
    {
        Session = session;
        Peer = peer;
    }

    public GridTlsSession Session { get; }

    public string Peer { get; }

    /// <summary>The caller on this connection, validated now or taken from the cache.</summary>
    /// <exception cref="CredentialRefusedException">The credential is refused (never cached: time may cure a refusal).</exception>
    public CallerIdentity Authenticate(CredentialAuthenticator authenticator, DateTimeOffset now)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && cached.Generation == authenticator.Generation && now <= cached.Identity.NotAfter)
        {
            return cached.Identity;
        }

        var generation = authenticator.Generation;
        var identity = authenticator.Authenticate(Session.PeerChain, Peer, now);
        Volatile.Write(ref _cached, new Cached(generation, identity));
        return identity;
    }

    private sealed record Cached(long Generation, CallerIdentity Identity);
}
