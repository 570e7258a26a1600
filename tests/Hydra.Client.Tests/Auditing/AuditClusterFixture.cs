using Hydra.CertsDev;
using Hydra.Client.Auditing;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Client.Tests.Auditing;

/// <summary>
/// A dev PKI and a real three-node 2-of-3 cluster for audit tests. Checkpoints are made only when a test seals the
/// trails (the timer is an hour), and the cluster file names each node's own host identity (<c>node1</c>...), so a
/// checkpoint signed by another node's certificate does not pass for this one's.
/// </summary>
public sealed class AuditClusterFixture : IAsyncLifetime
{
    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public GridTrustStore TrustStore { get; private set; } = null!;

    /// <summary>The cluster file as an officer's would be: endpoints and each node's host identity.</summary>
    public ClusterConfiguration Configuration => Cluster.Configuration() with
    {
        Nodes = [.. Cluster.Configuration().Nodes.Select(n => n with { Identity = n.Id })],
    };

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(Pki, configure: options => options.Audit.CheckpointIntervalSeconds = 3600);
        TrustStore = GridTrustStore.Load(Pki.TrustDirectory);
    }

    public string Dn(string user) => Pki.User(user).SubjectDn;

    /// <summary>A client acting as <paramref name="user"/>, with the officer's cluster file.</summary>
    public KeystoreCluster ConnectAs(string user)
    {
        var credential = Pki.User(user);
        return Cluster.Connect(new TlsCredential([credential.Certificate], credential.PrivateKey), configuration: Configuration);
    }

    public Task<AuditReport> InvestigateAsync(string user = DevUser.Officer, AuditInvestigationOptions? options = null) =>
        new AuditInvestigation(ConnectAs(user), TrustStore).RunAsync(options ?? new AuditInvestigationOptions(), CancellationToken.None).DefaultTimeout();

    /// <summary>Every node signs a checkpoint of its trail now and hands it to its peers.</summary>
    public Task SealAllAsync() =>
        Task.WhenAll(Enumerable.Range(0, Cluster.NodeCount).Select(i => Cluster.Node(i).SealAuditTrailAsync(CancellationToken.None))).DefaultTimeout();

    /// <summary>Stops node <paramref name="index"/>, lets <paramref name="tamper"/> edit its file, and starts it again.</summary>
    public async Task TamperAsync(int index, Action<NodeTrailFile> tamper)
    {
        await Cluster.StopNodeAsync(index);
        try
        {
            using var file = new NodeTrailFile(Cluster.DataFile(index));
            tamper(file);
        }
        finally
        {
            // Started again even when the edit failed, so that one test's mistake does not stop the class's cluster.
            await Cluster.StartNodeAsync(index).DefaultTimeout();
        }
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }
}
