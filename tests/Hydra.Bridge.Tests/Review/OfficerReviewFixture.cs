using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Client.Bridge;
using Hydra.Dicom.Deidentification;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Bridge.Tests.Review;

/// <summary>A dev PKI, three real nodes and a bridge whose pixel cleaner is <see cref="ScriptedPixelCleaner"/>.</summary>
public sealed class OfficerReviewFixture : IAsyncLifetime
{
    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    public BridgeClient Officer => Bridge.ConnectReader(GridReader.CertificateOf(Pki, DevUser.Officer));

    public BridgeClient Reader => Bridge.ConnectReader(GridReader.CertificateOf(Pki, DevUser.Reader));

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(Pki);
        Bridge = await TestBridge.StartAsync(Pki, Cluster, customize: builder => builder.Services.AddSingleton<IPixelCleaner, ScriptedPixelCleaner>());
    }

    public async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }
}
