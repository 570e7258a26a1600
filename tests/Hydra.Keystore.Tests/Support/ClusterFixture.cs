using Hydra.Testing;
using Hydra.CertsDev;

namespace Hydra.Keystore.Tests.Support;

/// <summary>A dev PKI and a running three-node 2-of-3 cluster shared by the tests of one class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _pkiFolder = new("hydra-pki");

    public DevPki Pki { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Pki = DevPki.Create(_pkiFolder.Path);
        Cluster = await TestCluster.StartAsync(Pki);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _pkiFolder.Dispose();
    }
}
