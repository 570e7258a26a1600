using Hydra.Bridge.Options;
using Hydra.CertsDev;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Bridge.Tests.DicomWeb;

/// <summary>
/// A dev PKI, a 2-of-3 cluster and one bridge configured by <see cref="Configure"/>, then seeded by
/// <see cref="SeedAsync"/>: what the QIDO-RS and STOW-RS fixtures share.
/// </summary>
public abstract class DicomWebFixture : IAsyncLifetime
{
    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    /// <summary>The bridge's settings (also for a second bridge a test starts itself).</summary>
    public abstract void Configure(BridgeOptions options);

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(Pki);
        Bridge = await TestBridge.StartAsync(Pki, Cluster, Configure);
        await SeedAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }

    /// <summary>What the tests expect to find on the bridge once it runs; nothing by default.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;
}
