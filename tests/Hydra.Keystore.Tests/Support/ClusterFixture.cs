using Hydra.CertsDev;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests.Support;

/// <summary>A dev PKI and a running three-node 2-of-3 cluster shared by the tests of one class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(Pki);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }
}
