using Grpc.Core;
using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Grid.Tls;
using Hydra.Hosting;
using Hydra.Keystore.Hosting;
using Hydra.Keystore.Options;
using Hydra.Keystore.Security;
using Hydra.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.X509;

namespace Hydra.Keystore.Tests.Support;

/// <summary>
/// node1's caller resolution without a server: its real grid host (host credential, trust and VOMS folders of a dev
/// PKI), a real store for the refusals' audit records, and the bridge as the one delegate.
/// </summary>
internal sealed class ResolverNode : IDisposable
{
    /// <summary>The remote address of every test connection, as Kestrel would report it.</summary>
    public const string Peer = "127.0.0.1:50001";

    private readonly GridHost _host;
    private readonly BearerAuthenticator _bearer;

    /// <param name="pki">The dev PKI.</param>
    /// <param name="roles">The node's roles; by default the bridge is the one delegate, for readers and for patients.</param>
    public ResolverNode(DevPki pki, KeystoreRoleOptions? roles = null)
    {
        var node1 = pki.Host("node1");
        // Reloads once a day: tests that move the clock by hours are not about rereading unchanged trust folders.
        _host = new GridHost(
            new GridHostSettings(node1.CertificatePath, node1.KeyPath, pki.TrustDirectory, pki.VomsDirectory, [], TrustReloadSeconds: 86_400),
            Clock,
            NullLoggerFactory.Instance);
        Node = new NodeStore(Clock);
        var bridge = "dn:" + pki.Host("bridge").SubjectDn;
        var nodeRoles = NodeRoles.From(roles ?? new KeystoreRoleOptions { Delegates = [bridge], PatientDelegates = [bridge] });
        _bearer = new BearerAuthenticator(new TokenSettings(), Clock, NullLoggerFactory.Instance);
        Resolver = new CallerResolver(_host.Authenticator, _bearer, nodeRoles, Node.Store, Clock, NullLogger<CallerResolver>.Instance);
    }

    public FakeTimeProvider Clock { get; } = NodeStore.NewClock();

    public NodeStore Node { get; }

    public CallerResolver Resolver { get; }

    /// <summary>A connection whose TLS handshake received <paramref name="chain"/> from the client.</summary>
    public static GridConnectionFeature Connection(IReadOnlyList<X509Certificate> chain) =>
        new(new GridTlsSession("TLSv1.3", "TLS_AES_256_GCM_SHA384", "h2", chain), Peer);

    /// <summary>Resolves the caller of <paramref name="operation"/> on a fresh connection presenting <paramref name="chain"/>.</summary>
    public Task<CallerIdentity> ResolveAsync(IReadOnlyList<X509Certificate> chain, string operation, string keyId = "", Metadata? headers = null) =>
        ResolveAsync(Connection(chain), operation, keyId, headers);

    public Task<CallerIdentity> ResolveAsync(GridConnectionFeature? connection, string operation, string keyId = "", Metadata? headers = null) =>
        Resolver.ResolveAsync(connection, headers ?? [], operation, keyId, CancellationToken.None).DefaultTimeout();

    public void Dispose()
    {
        Node.Dispose();
        _host.Dispose();
        _bearer.Dispose();
    }
}
