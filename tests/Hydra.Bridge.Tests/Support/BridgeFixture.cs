using Hydra.CertsDev;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Bridge.Tests.Support;

/// <summary>A dev PKI, a three-node 2-of-3 cluster and a bridge in front of it, shared by the tests of one class.</summary>
public sealed class BridgeFixture : IAsyncLifetime
{
    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(Pki);
        Bridge = await TestBridge.StartAsync(Pki, Cluster);
    }

    public async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }
}
