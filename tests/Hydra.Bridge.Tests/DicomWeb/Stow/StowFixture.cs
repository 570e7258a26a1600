using Hydra.CertsDev;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Bridge.Tests.DicomWeb.Stow;

/// <summary>
/// A dev PKI, a 2-of-3 cluster and a bridge whose STOW-RS sender is the admin's certificate (source
/// <see cref="Source"/>, default ACL: the reader may read what it stores), with small limits so bad input is cheap.
/// </summary>
public sealed class StowFixture : IAsyncLifetime
{
    public const string Source = "STOWPACS";

    /// <summary>The largest part the bridge takes: a 64x64 sample is ~9 KB, a 512x512 one ~525 KB.</summary>
    public const long MaxInstanceBytes = 4L * 1024 * 1024;

    public const int MaxInstancesPerRequest = 120;

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    public string SenderDn => Pki.User(DevUser.Admin).SubjectDn;

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(Pki);
        Bridge = await TestBridge.StartAsync(Pki, Cluster, Configure);
    }

    /// <summary>The STOW-RS settings, also for a second bridge in a test.</summary>
    public void Configure(Hydra.Bridge.Options.BridgeOptions options)
    {
        options.DicomWeb.Senders["dn:" + SenderDn] = Source;
        options.DicomWeb.MaxInstanceBytes = MaxInstanceBytes;
        options.DicomWeb.MaxInstancesPerRequest = MaxInstancesPerRequest;
    }

    public async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }
}
