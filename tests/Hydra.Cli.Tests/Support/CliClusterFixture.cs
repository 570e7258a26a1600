using Hydra.CertsDev;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Cli.Tests.Support;

/// <summary>A dev PKI, a running three-node cluster and its cluster file, for running the hydra command against.</summary>
public sealed class CliClusterFixture : IAsyncLifetime
{
    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public string ClusterFile { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(Pki);
        ClusterFile = Path.Combine(Cluster.Folder, "cluster.json");
        Cluster.Configuration().Save(ClusterFile);
    }

    /// <summary>Arguments that make hydra act as <paramref name="user"/> with its end-entity certificate.</summary>
    public string[] As(string user) =>
    [
        "--cluster", ClusterFile, "--cert", Pki.User(user).CertificatePath, "--key", Pki.User(user).KeyPath,
        "--certdir", Pki.TrustDirectory,
    ];

    /// <summary>Arguments that make hydra act with a proxy file alone, as a grid job would.</summary>
    public string[] WithProxy(string proxyPath) => ["--cluster", ClusterFile, "--proxy", proxyPath, "--certdir", Pki.TrustDirectory];

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }
}
