using Hydra.CertsDev;
using Hydra.Grid.Tls;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Cli.Tests.Commands.Images;

/// <summary>
/// A dev PKI, a three-node cluster, a bridge in front of it that has ingested a sample CT study by storescu, a
/// cluster file naming the bridge, and the reader's VOMS proxy in a file, as a grid job would hold it.
/// </summary>
public sealed class ImagesCliFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("hydra-images-cli");

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    /// <summary>The study every reader test reads (never revoked).</summary>
    public IngestedStudy Study { get; private set; } = null!;

    public string ClusterFile => _folder.Combine("cluster.json");

    public string ReaderProxy => _folder.Combine("x509up_reader");

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(Pki);
        Bridge = await TestBridge.StartAsync(Pki, Cluster);
        Bridge.ClientConfiguration().Save(ClusterFile);
        Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, Lifetime = TimeSpan.FromHours(1), OutputPath = ReaderProxy });
        Study = await IngestAsync(3);
    }

    /// <summary>Writes a new sample study of <paramref name="count"/> 128x128 images, sends it to the bridge, and finds it in the catalog.</summary>
    public async Task<IngestedStudy> IngestAsync(int count)
    {
        var reader = Pki.User(DevUser.Reader);
        var catalog = Bridge.ConnectReader(new TlsCredential([reader.Certificate], reader.PrivateKey));
        var before = (await catalog.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.StudyInstanceUid).ToHashSet();
        var sent = SampleStudy.Write(_folder.Combine("sent-" + Guid.NewGuid().ToString("N")), count, size: 128);

        var result = await Bridge.StorescuAsync(sent.Files);

        Assert.True(result.ExitCode == 0, result.Output);
        var images = (await catalog.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Where(i => !before.Contains(i.StudyInstanceUid)).ToList();
        Assert.Equal(count, images.Count);
        return new IngestedStudy(sent, Assert.Single(images.Select(i => i.StudyInstanceUid).Distinct()), images);
    }

    /// <summary>Arguments that make hydra act as <paramref name="user"/> with its end-entity certificate.</summary>
    public string[] As(string user, string? clusterFile = null) =>
    [
        "--cluster", clusterFile ?? ClusterFile, "--cert", Pki.User(user).CertificatePath, "--key", Pki.User(user).KeyPath,
        "--certdir", Pki.TrustDirectory,
    ];

    /// <summary>Arguments that make hydra act with the reader's proxy file alone.</summary>
    public string[] AsReaderProxy() => ["--cluster", ClusterFile, "--proxy", ReaderProxy, "--certdir", Pki.TrustDirectory];

    public string NewFolder() => _folder.Combine("out-" + Guid.NewGuid().ToString("N"));

    public async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
        _folder.Dispose();
    }
}
