using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;

namespace Hydra.Cluster;

/// <summary>
/// The client side of a keystore cluster: splits keys into one share per node, registers them in parallel, and
/// rebuilds keys from the first M valid shares that come back, naming any node that sent a bad share.
/// </summary>
/// <remarks>
/// One long-lived channel per node; every operation runs on all nodes in parallel (gLite Hydra went node by node,
/// with a new TLS handshake each time). Thread-safe: share one instance per process.
/// </remarks>
public sealed partial class KeystoreCluster : IDisposable
{
    private readonly NodeConnection[] _connections;
    private readonly KeystoreClusterOptions _options;
    private readonly Grpc.Core.Metadata? _headers;
    private readonly bool _ownsConnections;

    private KeystoreCluster(
        ClusterConfiguration configuration, NodeConnection[] connections, KeystoreClusterOptions options, Grpc.Core.Metadata? headers, bool ownsConnections)
    {
        Configuration = configuration;
        _connections = connections;
        _options = options;
        _headers = headers;
        _ownsConnections = ownsConnections;
    }

    /// <summary>
    /// A view of this cluster that fetches shares for a reader: the caller (a delegate such as the DICOM bridge, which
    /// must hold the delegate role on the nodes) forwards the reader's certificate chain as the reader presented it,
    /// and nodes decide by the reader's ACL, recording both. It shares this instance's connections.
    /// </summary>
    public KeystoreCluster OnBehalfOf(IReadOnlyList<Org.BouncyCastle.X509.X509Certificate> readerChain) =>
        new(Configuration, _connections, _options, Delegation.ToMetadata(readerChain), ownsConnections: false);

    /// <summary>
    /// A view of this cluster that fetches shares for a reader who called the delegate with a bearer token: the token
    /// is forwarded as it is, so it must name an audience the nodes accept. It shares this instance's connections.
    /// </summary>
    public KeystoreCluster OnBehalfOf(string readerToken) =>
        new(Configuration, _connections, _options, Delegation.ForToken(readerToken), ownsConnections: false);

    /// <summary>
    /// A view of this cluster that fetches shares (and reads the audit records of keys) for a patient, named by
    /// pseudonym: the caller must hold the patient-delegate role on the nodes, which trust it to have authenticated the
    /// patient. It shares this instance's connections.
    /// </summary>
    public KeystoreCluster OnBehalfOfPatient(Hydra.Access.PatientPseudonym patient) =>
        new(Configuration, _connections, _options, Delegation.ForPatient(patient), ownsConnections: false);

    public ClusterConfiguration Configuration { get; }

    /// <summary>
    /// Connects with <paramref name="credential"/> (an end-entity certificate or a proxy chain) and checks nodes
    /// against the CA certificates in <paramref name="trustStore"/>. Connections open lazily, on first use.
    /// </summary>
    public static KeystoreCluster Connect(
        ClusterConfiguration configuration, TlsCredential credential, GridTrustStore trustStore, KeystoreClusterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Connect(configuration, credential, trustStore, bearerToken: null, options);
    }

    /// <summary>
    /// Connects as the holder of <paramref name="bearerToken"/> (RFC 6750, sent with every call), presenting
    /// <paramref name="credential"/> in TLS when given (nodes that require client certificates need one; the token
    /// still names the caller). With neither, nodes refuse every call.
    /// </summary>
    public static KeystoreCluster Connect(
        ClusterConfiguration configuration, TlsCredential? credential, GridTrustStore trustStore, string? bearerToken, KeystoreClusterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(trustStore);
        if (credential is null && bearerToken is null)
        {
            throw new ArgumentException("Connecting needs a grid credential, a bearer token, or both.", nameof(credential));
        }

        configuration.Validate();
        options ??= KeystoreClusterOptions.Default;
        var validator = new HostCertificateValidator(trustStore, options.Time);
        var connections = configuration.Nodes.Select(node => new NodeConnection(node, credential, validator, options)).ToArray();
        var headers = bearerToken is null ? null : BearerToken.ToMetadata(bearerToken);
        return new KeystoreCluster(configuration, connections, options, headers, ownsConnections: true);
    }

    /// <summary>Connects with a credential found by the grid conventions (see <see cref="GridCredentialLoader"/>).</summary>
    public static KeystoreCluster Connect(ClusterConfiguration configuration, GridCredential credential, KeystoreClusterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var trustStore = GridTrustStore.Load(credential.CertificateDirectory);
        return Connect(configuration, new TlsCredential(credential.Chain, credential.PrivateKey), trustStore, options);
    }

    private int Threshold => Configuration.Threshold;

    private static async Task<(T? Result, NodeFailure? Failure)> TryOnNodeAsync<T>(
        NodeConnection connection, Func<NodeConnection, Task<T>> call)
    {
        try
        {
            return (await call(connection).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (NodeFailures.IsNodeFailure(ex))
        {
            return (default, NodeFailures.From(connection.Node.Id, ex));
        }
    }

    public void Dispose()
    {
        if (!_ownsConnections)
        {
            return;
        }

        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }
}
