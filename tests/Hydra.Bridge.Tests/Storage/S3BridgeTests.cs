using Hydra.Bridge.Options;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Client.Bridge;
using Hydra.Cluster.Containers;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Ceph;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Bridge.Tests.Storage;

/// <summary>A dev PKI, a 2-of-3 cluster, a Ceph cluster and a bridge keeping its objects in a Ceph bucket.</summary>
public sealed class S3BridgeFixture : IAsyncLifetime
{
    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public CephStoreFixture Ceph { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    public string Bucket { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await Ceph.InitializeAsync();
        Bucket = await Ceph.Ceph.CreateBucketAsync().DefaultTimeout();
        var s3 = Ceph.Options(Bucket);
        Cluster = await TestCluster.StartAsync(Pki);
        Bridge = await TestBridge.StartAsync(Pki, Cluster, options => options.Objects = new BridgeObjectOptions { Backend = BridgeObjectOptions.S3Backend, S3 = s3 });
    }

    public async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await Cluster.DisposeAsync();
        await Ceph.DisposeAsync();
        PkiFixture.Dispose();
    }
}

/// <summary>
/// The bridge with its objects in S3 (real Ceph 16), end to end: storescu in, ciphertext in the bucket, readers get the
/// de-identified images back; with the gateway down a sender is refused and nothing is catalogued, and its re-send
/// succeeds once the gateway is back.
/// </summary>
public sealed class S3BridgeTests : IClassFixture<S3BridgeFixture>
{
    private readonly S3BridgeFixture _fixture;

    public S3BridgeTests(S3BridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    private CephObjectStore Ceph => _fixture.Ceph.Ceph;

    [Fact]
    public async Task Storescu_ImagesGoToTheBucketAsCiphertext_AndReadersGetThemBackDeidentified()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, 3, size: 64);
        var reader = GridReader.ProxyOf(_fixture.Pki, DevUser.Reader);
        var client = Bridge.ConnectReader(reader);
        var before = (await client.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();

        // Act
        var sent = await Bridge.StorescuAsync(study.Files);
        var images = (await client.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Where(i => !before.Contains(i.SopInstanceUid)).ToList();
        var listed = await Ceph.ListAsync(_fixture.Bucket).DefaultTimeout();

        // Assert
        Assert.True(sent.ExitCode == 0, sent.Output);
        Assert.DoesNotContain("Store Failed", sent.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, images.Count);
        Assert.All(images, image => Assert.Single(listed, o => o.Key.StartsWith($"bridge/{image.StudyInstanceUid}/{image.SopInstanceUid}.", StringComparison.Ordinal)));
        var s3 = Ceph.CreateClient();
        foreach (var o in listed)
        {
            using var response = await s3.GetObjectAsync(_fixture.Bucket, o.Key).DefaultTimeout();
            var bytes = new MemoryStream();
            await response.ResponseStream.CopyToAsync(bytes);
            Assert.True(ContainerHeader.TryRead(bytes.ToArray(), out _), o.Key);
            Assert.False(Leaks.Contains(bytes.ToArray()), o.Key);
        }

        var original = DicomFile.Open(study.Files[0]).Dataset;
        foreach (var image in images)
        {
            var fromCiphertext = GridReader.Parse(await GridReader.ReadImageAsync(Bridge, _fixture.Cluster, reader, image)).Dataset;
            await using var dicom = await client.OpenDicomAsync(image.SopInstanceUid, CancellationToken.None).DefaultTimeout();
            var decrypted = new MemoryStream();
            await dicom.CopyToAsync(decrypted).DefaultTimeout();
            var fromBridge = GridReader.Parse(decrypted.ToArray()).Dataset;
            Assert.Equal("YES", fromBridge.GetString(DicomTags.PatientIdentityRemoved));
            Assert.Equal(image.SopInstanceUid, fromBridge.GetString(DicomTags.SOPInstanceUID));
            Assert.True(original.GetBytes(DicomTags.PixelData).Span.SequenceEqual(fromBridge.GetBytes(DicomTags.PixelData).Span));
            Assert.True(fromCiphertext.GetBytes(DicomTags.PixelData).Span.SequenceEqual(fromBridge.GetBytes(DicomTags.PixelData).Span));
        }
    }

    [Fact]
    public async Task GatewayDown_StorescuIsRefused_NothingCatalogued_ReadersGet503_AndTheResendSucceedsAfterRestart()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-study");
        var stored = SampleStudy.Write(scratch.Combine("stored"), 1, size: 32);
        var study = SampleStudy.Write(scratch.Combine("later"), 2, size: 32);
        var client = Bridge.ConnectReader(GridReader.ProxyOf(_fixture.Pki, DevUser.Reader));
        var before = (await client.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();
        Assert.True((await Bridge.StorescuAsync(stored.Files)).ExitCode == 0);
        var existing = (await client.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Single(i => !before.Contains(i.SopInstanceUid));
        var catalogued = await Bridge.Node.CatalogCountAsync();

        // Act
        await Ceph.KillGatewayAsync().DefaultTimeout();
        ProcessResult refused;
        Exception? read;
        try
        {
            refused = await Bridge.StorescuAsync(study.Files, verbose: true);
            read = await Record.ExceptionAsync(() => client.OpenObjectAsync(existing.SopInstanceUid, CancellationToken.None)).DefaultTimeout();
        }
        finally
        {
            await Ceph.StartGatewayAsync().DefaultTimeout();
        }

        var cataloguedWhileDown = await Bridge.Node.CatalogCountAsync();
        var resent = await Bridge.StorescuAsync(study.Files);

        // Assert
        Assert.Contains("Refused: OutOfResources", refused.Output, StringComparison.Ordinal);
        Assert.Equal(catalogued, cataloguedWhileDown);
        var error = Assert.IsType<BridgeException>(read);
        Assert.Contains("object store unavailable", error.Message, StringComparison.Ordinal);
        Assert.True(resent.ExitCode == 0, resent.Output);
        Assert.DoesNotContain("Store Failed", resent.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(catalogued + 2, await Bridge.Node.CatalogCountAsync());
    }
}
