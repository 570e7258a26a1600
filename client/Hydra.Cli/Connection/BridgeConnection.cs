using System.CommandLine;
using Hydra.Client.Bridge;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;

namespace Hydra.Cli.Connection;

/// <summary>
/// What the <c>hydra images</c> commands talk to: the DICOM bridge's reader endpoint named by the cluster file's
/// <c>bridge</c> entry, and the keystore cluster, both with the caller's own grid credential (a proxy works for both).
/// Connections open lazily, on first use.
/// </summary>
internal sealed class BridgeConnection : IDisposable
{
    private readonly ClusterConfiguration _configuration;
    private readonly TlsCredential _credential;
    private readonly GridTrustStore _trustStore;
    private KeystoreCluster? _cluster;

    private BridgeConnection(ClusterConfiguration configuration, TlsCredential credential, GridTrustStore trustStore, BridgeClient bridge)
    {
        _configuration = configuration;
        _credential = credential;
        _trustStore = trustStore;
        Bridge = bridge;
    }

    /// <summary>The bridge's reader endpoint.</summary>
    public BridgeClient Bridge { get; }

    /// <summary>The keystore cluster, connected on first use (listing and revoking never need it).</summary>
    public KeystoreCluster Cluster => _cluster ??= KeystoreCluster.Connect(_configuration, _credential, _trustStore);

    /// <summary>Loads the cluster file and the credential; fails with a usage error when the file names no bridge.</summary>
    public static BridgeConnection Open(ClusterOptions options, ParseResult parseResult)
    {
        var configuration = options.LoadConfiguration(parseResult);
        var bridge = configuration.Bridge ?? throw new UsageException(
            $"The cluster file '{options.ConfigurationPath(parseResult)}' has no \"bridge\" entry; 'hydra images' needs one: "
            + "\"bridge\": { \"id\": \"bridge\", \"endpoint\": \"HOST:PORT\", \"identity\": \"HOST\" }.");
        var grid = options.LoadCredential(parseResult);
        var trustStore = GridTrustStore.Load(grid.CertificateDirectory);
        var credential = new TlsCredential(grid.Chain, grid.PrivateKey);
        return new BridgeConnection(configuration, credential, trustStore, BridgeClient.Connect(bridge, credential, trustStore));
    }

    public void Dispose()
    {
        Bridge.Dispose();
        _cluster?.Dispose();
    }
}
