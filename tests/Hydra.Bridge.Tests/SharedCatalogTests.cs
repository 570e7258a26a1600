using System.Text.RegularExpressions;
using Hydra.Bridge.Options;
using Hydra.Bridge.Tests.Storage;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Postgres;

namespace Hydra.Bridge.Tests;

/// <summary>
/// Bridges sharing one catalog in PostgreSQL 15 (issue 23), end to end with dcmtk's storescu: the same study sent to
/// two bridges at once is stored once and acknowledged by both, readers see one catalog through either, and a
/// database killed mid-ingest loses nothing that was acknowledged.
/// </summary>
public sealed partial class SharedCatalogTests : IClassFixture<ClusterFixture>, IClassFixture<PostgresFixture>, IClassFixture<CephStoreFixture>
{
    private readonly TestCluster _cluster;
    private readonly DevPki _pki;
    private readonly PostgresFixture _postgres;
    private readonly CephStoreFixture _ceph;

    public SharedCatalogTests(ClusterFixture fixture, PostgresFixture postgres, CephStoreFixture ceph)
    {
        _cluster = fixture.Cluster;
        _pki = fixture.Pki;
        _postgres = postgres;
        _ceph = ceph;
    }

    [Fact]
    public async Task TwoBridgesOnOneCatalogAndBucket_SameStudyAtOnce_OneObjectPerImage_EachReadableThroughEither()
    {
        // Arrange: one PostgreSQL catalog and one Ceph bucket behind both bridges, as a site past one machine runs them.
        const int Images = 12;
        using var scratch = new TempDirectory("hydra-shared");
        var bucket = await _ceph.Ceph.CreateBucketAsync().DefaultTimeout();
        var s3 = _ceph.Options(bucket);
        var shared = TestBridge.OnSharedCatalog(await _postgres.CreateDatabaseAsync().DefaultTimeout(), scratch.Combine("bridge.secret"),
            o => o.Objects = new BridgeObjectOptions { Backend = BridgeObjectOptions.S3Backend, S3 = s3 });
        await using var first = await TestBridge.StartAsync(_pki, _cluster, shared);
        await using var second = await TestBridge.StartAsync(_pki, _cluster, shared);
        var study = SampleStudy.Write(scratch.Combine("study"), Images, size: 64);

        // Act
        var sent = await Task.WhenAll(first.StorescuAsync(study.Files, verbose: true), second.StorescuAsync(study.Files, verbose: true)).DefaultTimeout();

        // Assert: both acknowledged everything, one entry per image, and the losers' objects are gone from the bucket.
        Assert.All(sent, s => Assert.Equal(Images, Successes(s.Output)));
        Assert.Equal(Images, await first.Node.CatalogCountAsync());
        var objects = await _ceph.Ceph.ListAsync(bucket).DefaultTimeout();
        Assert.Equal(Images, objects.Count);
        var reader = GridReader.ProxyOf(_pki, DevUser.Reader);
        var listed = await first.ConnectReader(reader).ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        Assert.Equal(Images, listed.Count);
        foreach (var image in listed)
        {
            foreach (var bridge in new[] { first, second })
            {
                await using var dicom = await bridge.ConnectReader(reader).OpenDicomAsync(image.SopInstanceUid, CancellationToken.None).DefaultTimeout();
                var read = Hydra.Dicom.DicomFile.Read(await ReadAllAsync(dicom));
                Assert.Equal(image.SopInstanceUid, read.Dataset.GetString(Hydra.Dicom.Dictionary.DicomTags.SOPInstanceUID));
            }
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).DefaultTimeout();
        return buffer.ToArray();
    }

    [Fact]
    public async Task SameStudyToTwoBridgesAtOnce_EachImageCataloguedOnce_BothAcknowledge_OneCatalogThroughEither()
    {
        // Arrange
        const int Images = 20;
        using var scratch = new TempDirectory("hydra-shared");
        var shared = TestBridge.OnSharedCatalog(await _postgres.CreateDatabaseAsync().DefaultTimeout(), scratch.Combine("bridge.secret"));
        await using var first = await TestBridge.StartAsync(_pki, _cluster, shared);
        await using var second = await TestBridge.StartAsync(_pki, _cluster, shared);
        var study = SampleStudy.Write(scratch.Combine("study"), Images, size: 64);

        // Act
        var sent = await Task.WhenAll(first.StorescuAsync(study.Files, verbose: true), second.StorescuAsync(study.Files, verbose: true)).DefaultTimeout();

        // Assert
        Assert.All(sent, s =>
        {
            Assert.True(s.ExitCode == 0, s.Output);
            Assert.Equal(Images, Successes(s.Output));
        });
        Assert.Equal(Images, await first.Node.CatalogCountAsync());
        Assert.Equal(Images, await second.Node.CatalogCountAsync());
        var reader = GridReader.ProxyOf(_pki, DevUser.Reader);
        var throughFirst = await first.ConnectReader(reader).ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        var throughSecond = await second.ConnectReader(reader).ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        Assert.Equal(Images, throughFirst.Count);
        Assert.Equal(
            throughFirst.Select(i => (i.SopInstanceUid, i.KeyId)).Order(),
            throughSecond.Select(i => (i.SopInstanceUid, i.KeyId)).Order());
    }

    [Fact]
    public async Task DatabaseKilledMidIngest_RefusalsReported_NothingAcknowledgedLost_ResendAfterRestartStoresAll()
    {
        // Arrange
        const int Images = 40;
        using var scratch = new TempDirectory("hydra-shared");
        await using var bridge = await TestBridge.StartAsync(_pki, _cluster, TestBridge.OnSharedCatalog(
            await _postgres.CreateDatabaseAsync().DefaultTimeout(), scratch.Combine("bridge.secret"), o => o.Database.CommandTimeoutSeconds = 2));
        var study = SampleStudy.Write(scratch.Combine("study"), Images, size: 64);

        // Act: kill PostgreSQL once a few images are in, let the sender finish, start it again, send everything again.
        var sending = bridge.StorescuAsync(study.Files, verbose: true);
        while (await bridge.Node.CatalogCountAsync() < 5 && !sending.IsCompleted)
        {
            await Task.Delay(5);
        }

        await _postgres.Server.KillAsync().DefaultTimeout();
        Hydra.Testing.ProcessResult during;
        try
        {
            during = await sending.DefaultTimeout();
        }
        finally
        {
            await _postgres.Server.StartAgainAsync().DefaultTimeout();
        }

        var afterRestart = await bridge.Node.CatalogCountAsync();
        var resent = await bridge.StorescuAsync(study.Files, verbose: true).DefaultTimeout();

        // Assert: some refused while it was down, every acknowledged one survived the crash, the re-send completes it.
        var acknowledged = Successes(during.Output);
        Assert.InRange(acknowledged, 5, Images - 1);
        Assert.Contains("Refused: OutOfResources", during.Output, StringComparison.Ordinal);
        Assert.True(afterRestart >= acknowledged, $"{acknowledged} acknowledged, {afterRestart} catalogued after the restart");
        Assert.Equal(Images, Successes(resent.Output));
        Assert.Equal(Images, await bridge.Node.CatalogCountAsync());
    }

    private static int Successes(string storescuOutput) => SuccessResponse().Count(storescuOutput);

    [GeneratedRegex(@"Received Store Response \(Success\)")]
    private static partial Regex SuccessResponse();
}
