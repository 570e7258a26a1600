using System.Diagnostics;
using System.Text.Json.Nodes;
using Hydra.Bridge.Contract;
using Hydra.Bridge.Tests.Support;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Xunit.Abstractions;

namespace Hydra.Bridge.Tests.DicomWeb.PeerTests;

/// <summary>
/// Orthanc (with its DICOMweb plugin) as a DICOMweb client of the bridge, configured as a hospital would: the bridge
/// as a DICOMweb server with the reader's client certificate or a bearer token in its HTTP headers, trusting the dev
/// CA. Through Orthanc's own REST API it queries, retrieves and stores; what it gets is de-identified and carries the
/// original pixels, and what it stores is ingested as C-STORE would be.
/// </summary>
[Collection(BridgePeerCollection.Name)]
public sealed class OrthancClientOfBridgeTests
{
    private static readonly Dictionary<string, (string, int)> NoModalities = [];
    private readonly BridgePeerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public OrthancClientOfBridgeTests(BridgePeerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private TestBridge Bridge => _fixture.Bridge;

    /// <summary>C-STOREs a fresh study into the bridge; returns it and the images the radiologist now lists (pseudonymous UIDs).</summary>
    private async Task<(SampleStudy Study, IReadOnlyList<ImageSummary> Images)> IngestAsync(TempDirectory scratch, int count)
    {
        var lister = Bridge.ConnectReader(await _fixture.TokenAsync());
        var before = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();
        var study = SampleStudy.Write(scratch.Combine("sent"), count, size: 64);
        var sent = await Bridge.StorescuAsync(study.Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var added = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Where(i => !before.Contains(i.SopInstanceUid)).ToList();
        Assert.Equal(count, added.Count);
        return (study, added);
    }

    private Task<OrthancPeer> StartOrthancAsync() =>
        OrthancPeer.StartAsync(NoModalities, dicomWeb: true, httpsCaCertificates: _fixture.Pki.CaCertificatePath).DefaultTimeout();

    [Fact]
    public async Task OrthancWithBearerToken_QueriesAndRetrievesTheStudy_DeidentifiedWithOriginalPixels()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-peers");
        var (study, images) = await IngestAsync(scratch, 3);
        var studyUid = images[0].StudyInstanceUid;
        using var orthanc = await StartOrthancAsync();
        await orthanc.PutDicomWebServerAsync("bridge", _fixture.DicomWebRoot, bearerToken: await _fixture.TokenAsync()).DefaultTimeout();
        var watch = Stopwatch.StartNew();

        // Act
        var found = (JsonArray)await orthanc.PostAsync("dicom-web/servers/bridge/qido", OrthancPeer.Json(new { Uri = "/studies", Arguments = new { StudyInstanceUID = studyUid } })).DefaultTimeout();
        var queried = watch.ElapsedMilliseconds;
        var retrieved = await orthanc.PostAsync("dicom-web/servers/bridge/retrieve", OrthancPeer.Json(new { Resources = new[] { new { Study = studyUid } } })).DefaultTimeout();
        _output.WriteLine($"Orthanc through the bridge: QIDO {queried} ms, retrieve of 3 images {watch.ElapsedMilliseconds - queried} ms");

        // Assert: the pseudonymous study, none of the original identifiers, and every image with the original pixels.
        Assert.Equal([studyUid], PeerOutput.Values(found, "0020000D"));
        Assert.NotEqual(study.StudyInstanceUid, studyUid);
        Assert.False(Leaks.Contains(System.Text.Encoding.UTF8.GetBytes(found.ToJsonString())), "the QIDO answer carries an identifying value");
        Assert.Equal("3", retrieved["ReceivedInstancesCount"]?.ToString());
        var held = (JsonArray)await orthanc.GetAsync("instances").DefaultTimeout();
        Assert.Equal(3, held.Count);
        var original = DicomFile.Open(study.Files[0]).Dataset;
        var received = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in held)
        {
            var bytes = await orthanc.Http.GetByteArrayAsync($"instances/{id}/file").DefaultTimeout();
            Assert.False(Leaks.Contains(bytes), "an image Orthanc retrieved carries an identifying value");
            var dataset = DicomFile.Read(bytes).Dataset;
            Assert.Equal(studyUid, dataset.GetString(DicomTags.StudyInstanceUID));
            Assert.NotEqual(original.GetString(DicomTags.PatientID), dataset.GetString(DicomTags.PatientID));
            Assert.True(original.GetBytes(DicomTags.PixelData).Span.SequenceEqual(dataset.GetBytes(DicomTags.PixelData).Span), "pixels differ from the original");
            received.Add(dataset.GetString(DicomTags.SOPInstanceUID)!);
        }

        Assert.Equal(images.Select(i => i.SopInstanceUid).Order(), received.Order());
    }

    [Fact]
    public async Task OrthancWithClientCertificate_StowsAStudyItHolds_BridgeIngestsItDeidentified_AndQidoListsIt()
    {
        // Arrange: a study Orthanc holds (with identifying values), and the bridge as a server with the reader's certificate.
        using var scratch = new TempDirectory("hydra-peers");
        var study = SampleStudy.Write(scratch.Combine("orthanc"), 2, size: 64);
        using var orthanc = await StartOrthancAsync();
        foreach (var file in study.Files)
        {
            Assert.NotNull(await orthanc.TryUploadAsync(file).DefaultTimeout());
        }

        var orthancStudy = ((JsonArray)await orthanc.GetAsync("studies").DefaultTimeout()).Single()!.GetValue<string>();
        await orthanc.PutDicomWebServerAsync("bridge", _fixture.DicomWebRoot, _fixture.ReaderCertificateFile, _fixture.ReaderKeyFile).DefaultTimeout();
        var lister = Bridge.ConnectReader(await _fixture.TokenAsync());
        var before = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();
        var watch = Stopwatch.StartNew();

        // Act
        var stowed = await orthanc.PostAsync("dicom-web/servers/bridge/stow", OrthancPeer.Json(new { Resources = new[] { orthancStudy } })).DefaultTimeout();
        _output.WriteLine($"Orthanc STOW of 2 images into the bridge: {watch.ElapsedMilliseconds} ms");
        var added = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Where(i => !before.Contains(i.SopInstanceUid)).ToList();
        var studyUid = Assert.Single(added.Select(i => i.StudyInstanceUid).Distinct());
        var found = (JsonArray)await orthanc.PostAsync("dicom-web/servers/bridge/qido", OrthancPeer.Json(new { Uri = "/studies", Arguments = new { StudyInstanceUID = studyUid } })).DefaultTimeout();

        // Assert: stored under a pseudonymous study, decrypts de-identified with the original pixels, listed over QIDO.
        Assert.Equal("2", stowed["InstancesCount"]?.ToString());
        Assert.Equal(2, added.Count);
        Assert.NotEqual(study.StudyInstanceUid, studyUid);
        Assert.Equal([studyUid], PeerOutput.Values(found, "0020000D"));
        var original = DicomFile.Open(study.Files[0]).Dataset;
        await using (var stream = await lister.OpenDicomAsync(added[0].SopInstanceUid, CancellationToken.None).DefaultTimeout())
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer).DefaultTimeout();
            Assert.False(Leaks.Contains(buffer.ToArray()), "the stored image decrypts with an identifying value");
            var dataset = DicomFile.Read(buffer.ToArray()).Dataset;
            Assert.True(original.GetBytes(DicomTags.PixelData).Span.SequenceEqual(dataset.GetBytes(DicomTags.PixelData).Span), "pixels differ from the original");
        }

        Assert.Empty(Leaks.FilesContainingMarker(Bridge.StoredFiles()));
    }

    [Fact]
    public async Task OrthancWithClientCertificate_ReachesTheReaderEndpoint_OverGridTlsAndHttp2()
    {
        // Orthanc's libcurl must negotiate HTTP/2 with the bridge's grid TLS and present the reader's certificate.
        using var orthanc = await StartOrthancAsync();
        await orthanc.PutDicomWebServerAsync("v1", new Uri(Bridge.ReaderAddress, "v1/"), _fixture.ReaderCertificateFile, _fixture.ReaderKeyFile).DefaultTimeout();

        var (ok, answer) = await orthanc.TryPostAsync("dicom-web/servers/v1/get", OrthancPeer.Json(new { Uri = "/images" })).DefaultTimeout();

        Assert.True(ok, answer);
    }
}
