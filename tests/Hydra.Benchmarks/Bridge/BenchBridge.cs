using System.Security.Cryptography;
using Hydra.Benchmarks.Dimse;
using Hydra.Bridge.Options;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Options;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;

namespace Hydra.Benchmarks.Bridge;

/// <summary>
/// The whole Hydra ingest path for the bench: a fresh dev PKI, three keystore nodes (2 of 3, write quorum 2) and a
/// bridge in front of them on loopback, each node and the bridge with its own LiteDB file. The bridge runs in this
/// process; the nodes run either in it too or, as deployed, each in its own process, which lets the bench tell the
/// bridge's CPU time from the nodes'.
/// </summary>
public sealed class BenchBridge : IAsyncDisposable
{
    private readonly TempDirectory _pkiFolder;
    private readonly DevPki _pki;
    private readonly TestCluster _cluster;
    private readonly IReadOnlyList<ChildProcess> _nodeProcesses;
    private readonly TestBridge _bridge;
    private readonly List<TestBridge> _others = [];

    private BenchBridge(TempDirectory pkiFolder, DevPki pki, TestCluster cluster, IReadOnlyList<ChildProcess> nodeProcesses, TestBridge bridge)
    {
        _pkiFolder = pkiFolder;
        _pki = pki;
        _cluster = cluster;
        _nodeProcesses = nodeProcesses;
        _bridge = bridge;
        Target = new StoreBenchTarget("bridge", "HYDRA", bridge.Node.DicomPort, StoreBenchTarget.ThisProcessorTime);
    }

    public StoreBenchTarget Target { get; }

    /// <summary>Whether the keystore nodes run in processes of their own.</summary>
    public bool NodesInOwnProcesses => _nodeProcesses.Count > 0;

    /// <summary>Images in the bridge's catalog.</summary>
    public Task<int> CatalogCountAsync() => _bridge.Node.CatalogCountAsync();

    /// <summary>Shares waiting for a node that did not acknowledge (0 when every node kept up).</summary>
    public Task<int> PendingHandoffCountAsync() => _bridge.Node.PendingHandoffCountAsync();

    /// <summary>CPU time of the three node processes together (zero when they run in this process).</summary>
    public TimeSpan NodesProcessorTime() => _nodeProcesses.Aggregate(TimeSpan.Zero, (sum, node) => sum + node.ProcessorTime);

    /// <summary>
    /// Starts the bench's bridge (configured by <paramref name="configure"/> beyond the test defaults) in front of a
    /// fresh cluster whose nodes run in processes of their own when <paramref name="nodesInOwnProcesses"/>.
    /// </summary>
    public static async Task<BenchBridge> StartAsync(bool nodesInOwnProcesses, Action<BridgeOptions>? configure = null)
    {
        // The bridge's and nodes' appsettings.json log at Information (a line per association); keep the table readable.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        var pkiFolder = new TempDirectory("hydra-bench-pki");
        TestCluster? cluster = null;
        var nodeProcesses = new List<ChildProcess>();
        try
        {
            var pki = DevPki.Create(pkiFolder.Combine("pki"));
            cluster = await TestCluster.StartAsync(pki);
            if (nodesInOwnProcesses)
            {
                await MoveNodesToProcessesAsync(cluster, nodeProcesses);
            }

            var bridge = await TestBridge.StartAsync(pki, cluster, configure);
            return new BenchBridge(pkiFolder, pki, cluster, nodeProcesses, bridge);
        }
        catch
        {
            nodeProcesses.ForEach(node => node.Dispose());
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            pkiFolder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Registers <paramref name="batches"/> batches of 32 keys, as the bridge's key pool does, so the nodes' code is
    /// optimised before anything is measured. The pool makes one call per 32 images, so the images of the warm-up alone
    /// gave each node too few calls to leave the JIT's first tiers: the nodes' CPU per image then measured mostly the JIT.
    /// </summary>
    public async Task WarmUpNodesAsync(int batches, CancellationToken cancellationToken)
    {
        var client = _cluster.ConnectAs(DevUser.Clinician);
        for (var batch = 0; batch < batches; batch++)
        {
            var keys = Enumerable.Range(0, 32).Select(_ => new KeyRegistration(KeyId.New(), RandomNumberGenerator.GetBytes(32), [])).ToList();
            await client.RegisterKeysAsync(keys, cancellationToken);
        }
    }

    /// <summary>
    /// Another bridge, configured by <paramref name="configure"/>, in front of the same nodes (its own data folder and
    /// catalog), stopped with this one: for comparing two configurations in one run.
    /// </summary>
    public async Task<StoreBenchTarget> StartOtherBridgeAsync(string name, Action<BridgeOptions> configure)
    {
        var bridge = await TestBridge.StartAsync(_pki, _cluster, configure);
        _others.Add(bridge);
        return new StoreBenchTarget(name, "HYDRA", bridge.Node.DicomPort, StoreBenchTarget.ThisProcessorTime);
    }

    /// <summary>The catalog and quarantine counts of the bridge behind <paramref name="target"/>.</summary>
    public async Task<(int Catalog, int Quarantined)> CountsAsync(StoreBenchTarget target)
    {
        var bridge = target.Port == Target.Port ? _bridge : _others.Single(other => other.Node.DicomPort == target.Port);
        return (await bridge.Node.CatalogCountAsync(), await bridge.Node.QuarantineCountAsync());
    }

    /// <summary>Stops each in-process node and starts the built Hydra.Keystore on its port, data file and identity.</summary>
    private static async Task MoveNodesToProcessesAsync(TestCluster cluster, List<ChildProcess> nodeProcesses)
    {
        for (var i = 0; i < cluster.NodeCount; i++)
        {
            await cluster.StopNodeAsync(i);
            var options = new KeystoreOptions();
            cluster.Configure(i, options);
            nodeProcesses.Add(await ChildNode.StartAsync(options));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }

        await _bridge.DisposeAsync();
        foreach (var node in _nodeProcesses)
        {
            node.Dispose();
        }

        await _cluster.DisposeAsync();
        _pkiFolder.Dispose();
    }
}
