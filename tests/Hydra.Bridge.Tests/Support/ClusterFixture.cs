using Hydra.CertsDev;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Bridge.Tests.Support;

/// <summary>A dev PKI and a three-node 2-of-3 cluster, for tests that start (and break) their own bridge.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(Pki);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }
}
