using Hydra.Benchmarks.Dimse;
using Hydra.CertsDev;
using Hydra.Testing;

namespace Hydra.Benchmarks.Bridge;

/// <summary>
/// The whole Hydra ingest path for the bench: a fresh dev PKI, three keystore nodes (2 of 3, write quorum 2) and a
/// bridge in front of them, all in this process on loopback, each node and the bridge with its own LiteDB file.
/// </summary>
public sealed class BenchBridge : IAsyncDisposable
{
    private readonly TempDirectory _pkiFolder;
    private readonly TestCluster _cluster;
    private readonly TestBridge _bridge;

    private BenchBridge(TempDirectory pkiFolder, TestCluster cluster, TestBridge bridge)
    {
        _pkiFolder = pkiFolder;
        _cluster = cluster;
        _bridge = bridge;
        Target = new StoreBenchTarget("bridge", "HYDRA", bridge.Node.DicomPort);
    }

    public StoreBenchTarget Target { get; }

    /// <summary>Images in the bridge's catalog.</summary>
    public int CatalogCount => _bridge.Node.CatalogCount;

    /// <summary>Shares waiting for a node that did not acknowledge (0 when every node kept up).</summary>
    public int PendingHandoffCount => _bridge.Node.PendingHandoffCount;

    public static async Task<BenchBridge> StartAsync()
    {
        // The bridge's and nodes' appsettings.json log at Information (a line per association); keep the table readable.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        var pkiFolder = new TempDirectory("hydra-bench-pki");
        TestCluster? cluster = null;
        try
        {
            var pki = DevPki.Create(pkiFolder.Combine("pki"));
            cluster = await TestCluster.StartAsync(pki);
            var bridge = await TestBridge.StartAsync(pki, cluster);
            return new BenchBridge(pkiFolder, cluster, bridge);
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            pkiFolder.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _bridge.DisposeAsync();
        await _cluster.DisposeAsync();
        _pkiFolder.Dispose();
    }
}
