using System.CommandLine;
using Hydra.Client.Bridge;
using Hydra.Cluster;

namespace Hydra.Cli.Connection;

/// <summary>
/// What the <c>hydra images</c> commands talk to: the DICOM bridge's reader endpoint named by the cluster file's
/// <c>bridge</c> entry, and the keystore cluster, both as the caller: its bearer token when one is found (sent to
/// both; it must name audiences of the bridge and the nodes), and its grid credential in TLS when it has one (a proxy
/// works for both). Connections open lazily, on first use.
/// </summary>
internal sealed class BridgeConnection : IDisposable
{
    private readonly ClusterConfiguration _configuration;
    private readonly ClientIdentity _identity;
    private KeystoreCluster? _cluster;

    private BridgeConnection(ClusterConfiguration configuration, ClientIdentity identity, BridgeClient bridge)
    {
        _configuration = configuration;
        _identity = identity;
        Bridge = bridge;
    }

    /// <summary>The bridge's reader endpoint.</summary>
    public BridgeClient Bridge { get; }

    /// <summary>The keystore cluster, connected on first use (listing and revoking never need it).</summary>
    public KeystoreCluster Cluster => _cluster ??= KeystoreCluster.Connect(_configuration, _identity.Tls, _identity.Trust, _identity.Token?.Token);

    /// <summary>Loads the cluster file and the credential; fails with a usage error when the file names no bridge.</summary>
    public static BridgeConnection Open(ClusterOptions options, ParseResult parseResult)
    {
        var configuration = options.LoadConfiguration(parseResult);
        var bridge = configuration.Bridge ?? throw new UsageException(
            $"The cluster file '{options.ConfigurationPath(parseResult)}' has no \"bridge\" entry; 'hydra images' needs one: "
            + "\"bridge\": { \"id\": \"bridge\", \"endpoint\": \"HOST:PORT\", \"identity\": \"HOST\" }.");
        var identity = options.LoadIdentity(parseResult);
        return new BridgeConnection(
            configuration, identity, BridgeClient.Connect(bridge, identity.Tls, identity.Trust, identity.Token?.Token));
    }

    public void Dispose()
    {
        Bridge.Dispose();
        _cluster?.Dispose();
    }
}
