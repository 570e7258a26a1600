using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hydra.Bridge.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Xunit.Abstractions;

namespace Hydra.Bridge.Tests.DicomWeb.PeerTests;

/// <summary>
/// Orthanc as a reference DICOMweb origin: the same study C-STOREd into Orthanc and into the bridge gives the same QIDO
/// answers to the same queries and renders to PNGs of the same size. Compared modulo de-identification: the bridge's
/// UIDs are pseudonyms (same counts, different values), patient name and ID, accession number, referring physician,
/// institution and study description are replaced (never the original), and dates may be shifted (the shift is written
/// to the test output, and the bridge's own date finds its study); modality, SOP class, instance numbers, rendered image
/// size and study, series and instance counts are equal. Rows and Columns are compared through the rendered PNGs: the
/// bridge's QIDO does not return them (its catalog does not hold them; Qido/FORMAT.md), though PS3.18 lists them.
/// </summary>
[Collection(BridgePeerCollection.Name)]
public sealed class OrthancOriginCrossCheckTests
{
    private static readonly Dictionary<string, (string, int)> NoModalities = [];
    private readonly BridgePeerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public OrthancOriginCrossCheckTests(BridgePeerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task SameStudyInOrthancAndBridge_SameQidoAnswersModuloDeidentification_SameRenderedSize()
    {
        // Arrange: one study of 3 images, C-STOREd into both origins.
        using var scratch = new TempDirectory("hydra-peers");
        var study = SampleStudy.Write(scratch.Path, 3, size: 96);
        using var orthanc = await OrthancPeer.StartAsync(NoModalities, dicomWeb: true).DefaultTimeout();
        var toOrthanc = await Dcmtk.RunAsync("storescu", ["-aec", "ORTHANC", "127.0.0.1", orthanc.DicomPort.ToString(CultureInfo.InvariantCulture), .. study.Files]);
        Assert.True(toOrthanc.ExitCode == 0, toOrthanc.Output);
        var token = await _fixture.TokenAsync();
        var lister = _fixture.Bridge.ConnectReader(token);
        var before = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();
        var toBridge = await _fixture.Bridge.StorescuAsync(study.Files);
        Assert.True(toBridge.ExitCode == 0, toBridge.Output);
        var bridgeStudy = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).First(i => !before.Contains(i.SopInstanceUid)).StudyInstanceUid;
        using var bridge = _fixture.DicomWebClient(token);
        const string studyFields = "includefield=00201206,00201208";

        // Act: the same queries of both.
        var orthancStudies = await orthanc.QidoAsync($"studies?StudyInstanceUID={study.StudyInstanceUid}&{studyFields}").DefaultTimeout();
        var bridgeStudies = await QidoAsync(bridge, $"studies?StudyInstanceUID={bridgeStudy}&{studyFields}");
        var orthancSeries = await orthanc.QidoAsync($"studies/{study.StudyInstanceUid}/series?includefield=00201209").DefaultTimeout();
        var bridgeSeries = await QidoAsync(bridge, $"studies/{bridgeStudy}/series?includefield=00201209");
        var orthancSeriesUid = PeerOutput.Values(orthancSeries, "0020000E").Single();
        var bridgeSeriesUid = PeerOutput.Values(bridgeSeries, "0020000E").Single();
        var orthancInstances = await orthanc.QidoAsync($"studies/{study.StudyInstanceUid}/series/{orthancSeriesUid}/instances").DefaultTimeout();
        var bridgeInstances = await QidoAsync(bridge, $"studies/{bridgeStudy}/series/{bridgeSeriesUid}/instances");
        var bridgeDate = PeerOutput.Values(bridgeStudies, "00080020").Single();
        var byBridgeDate = await QidoAsync(bridge, $"studies?StudyDate={bridgeDate}&ModalitiesInStudy=CT");
        var orthancPng = await RenderedSizeAsync(orthanc.Http, new Uri(orthanc.DicomWebRoot, $"studies/{study.StudyInstanceUid}/series/{orthancSeriesUid}/instances/{PeerOutput.Values(orthancInstances, "00080018")[0]}/rendered"));
        var bridgePng = await RenderedSizeAsync(bridge, new Uri($"studies/{bridgeStudy}/series/{bridgeSeriesUid}/instances/{PeerOutput.Values(bridgeInstances, "00080018")[0]}/rendered", UriKind.Relative));

        // Assert: equal where de-identification keeps values, pseudonymous where it replaces them.
        Assert.Single(orthancStudies);
        Assert.Single(bridgeStudies);
        foreach (var tag in new[] { "00080061", "00201206", "00201208" })
        {
            Assert.Equal(PeerOutput.Values(orthancStudies, tag), PeerOutput.Values(bridgeStudies, tag));
        }

        Assert.Equal(PeerOutput.Values(orthancSeries, "00080060"), PeerOutput.Values(bridgeSeries, "00080060"));
        Assert.Equal(PeerOutput.Values(orthancSeries, "00201209"), PeerOutput.Values(bridgeSeries, "00201209"));
        Assert.NotEqual(orthancSeriesUid, bridgeSeriesUid);
        Assert.Equal(orthancInstances.Count, bridgeInstances.Count);
        foreach (var tag in new[] { "00080016", "00200013" })
        {
            Assert.Equal(PeerOutput.Values(orthancInstances, tag).Order(), PeerOutput.Values(bridgeInstances, tag).Order());
        }

        Assert.Empty(PeerOutput.Values(orthancInstances, "00080018").Intersect(PeerOutput.Values(bridgeInstances, "00080018")));
        foreach (var tag in new[] { "00100010", "00100020", "00080050", "00080090", "00081030" })
        {
            Assert.DoesNotContain(PeerOutput.Values(bridgeStudies, tag), value => SampleStudy.IdentifyingValues.Contains(value));
        }

        Assert.False(Leaks.Contains(System.Text.Encoding.UTF8.GetBytes(bridgeStudies.ToJsonString() + bridgeSeries.ToJsonString() + bridgeInstances.ToJsonString())));
        var shift = DateOnly.ParseExact(bridgeDate, "yyyyMMdd", CultureInfo.InvariantCulture).DayNumber
            - DateOnly.ParseExact(PeerOutput.Values(orthancStudies, "00080020").Single(), "yyyyMMdd", CultureInfo.InvariantCulture).DayNumber;
        _output.WriteLine($"StudyDate: bridge {bridgeDate}, shifted by {shift} days from the original");
        Assert.Contains(bridgeStudy, PeerOutput.Values(byBridgeDate, "0020000D"));
        Assert.Equal(orthancPng, bridgePng);
        Assert.Equal((96, 96), bridgePng);
    }

    private static async Task<JsonArray> QidoAsync(HttpClient bridge, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, query) { Version = bridge.DefaultRequestVersion, VersionPolicy = bridge.DefaultVersionPolicy };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/dicom+json"));
        using var response = await bridge.SendAsync(request).DefaultTimeout();
        var text = await response.Content.ReadAsStringAsync().DefaultTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"bridge QIDO {query}: {(int)response.StatusCode} {text}");
        return (JsonArray)JsonNode.Parse(text)!;
    }

    /// <summary>GETs a rendered image as PNG and returns its size from the IHDR chunk (PNG spec 11.2.2).</summary>
    private static async Task<(int Width, int Height)> RenderedSizeAsync(HttpClient client, Uri address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address) { Version = client.DefaultRequestVersion, VersionPolicy = client.DefaultVersionPolicy };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));
        using var response = await client.SendAsync(request).DefaultTimeout();
        var png = await response.Content.ReadAsByteArrayAsync().DefaultTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address}: {(int)response.StatusCode}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
