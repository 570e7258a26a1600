using System.Net;
using System.Text.Json;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Wado;

/// <summary>
/// Metadata (DICOM JSON, bulk data by URI), frames and bulk data (PS3.18 10.4.1.1.2, .3, .5) from a real bridge: the
/// URIs in the metadata work and give the original pixel bytes.
/// </summary>
public sealed class WadoMetadataFramesTests : IClassFixture<BridgeFixture>
{
    private const string OctetParts = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
    private readonly BridgeFixture _fixture;

    public WadoMetadataFramesTests(BridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    private DevPki Pki => _fixture.Pki;

    private WadoHttp Reader() => new(Bridge, Pki.TrustDirectory, GridReader.ProxyOf(Pki, DevUser.Reader));

    [Fact]
    public async Task Metadata_StudySeriesInstance_OneDicomJsonObjectPerInstance_PixelDataByUri()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-wado-meta");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 2);
        using var reader = Reader();
        var pixels = DicomFile.Open(study.Sent.Files[0]).Dataset.GetBytes(DicomTags.PixelData).ToArray();

        // Act
        var (studyAnswer, studyBody) = await reader.GetAllAsync($"studies/{study.Study}/metadata", "application/dicom+json");
        var (seriesAnswer, seriesBody) = await reader.GetAllAsync($"studies/{study.Study}/series/{study.Series}/metadata");
        var (instanceAnswer, instanceBody) = await reader.GetAllAsync(study.InstancePath(1) + "/metadata", "application/json");

        // Assert: arrays of PS3.18 F.2 objects, de-identified, Pixel Data by a frames URI that serves the original bytes.
        Assert.Equal(HttpStatusCode.OK, studyAnswer.StatusCode);
        Assert.Equal("application/dicom+json", studyAnswer.Content.Headers.ContentType!.MediaType);
        using var studyJson = JsonDocument.Parse(studyBody);
        using var seriesJson = JsonDocument.Parse(seriesBody);
        using var instanceJson = JsonDocument.Parse(instanceBody);
        Assert.Equal(HttpStatusCode.OK, seriesAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, instanceAnswer.StatusCode);
        Assert.Equal(2, studyJson.RootElement.GetArrayLength());
        Assert.Equal(2, seriesJson.RootElement.GetArrayLength());
        var instance = Assert.Single(instanceJson.RootElement.EnumerateArray());
        Assert.Equal(study.Images[1].SopInstanceUid, instance.GetProperty("00080018").GetProperty("Value")[0].GetString());
        Assert.Equal("UI", instance.GetProperty("0020000D").GetProperty("vr").GetString());
        Assert.Equal(64, instance.GetProperty("00280010").GetProperty("Value")[0].GetInt32());
        Assert.DoesNotContain(SampleStudy.Marker, System.Text.Encoding.UTF8.GetString(studyBody), StringComparison.Ordinal);
        var uri = new Uri(instance.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString()!);
        Assert.Equal("https", uri.Scheme);
        Assert.EndsWith(study.InstancePath(1) + "/frames/1", uri.AbsolutePath, StringComparison.Ordinal);
        var (frameAnswer, frameBody) = await reader.GetAllAsync(uri.AbsolutePath.TrimStart('/')["dicom-web/".Length..], OctetParts);
        Assert.Equal(pixels, Assert.Single(MultipartBody.Parse(frameAnswer.Content.Headers.ContentType, frameBody)).Body);
    }

    [Fact]
    public async Task FramesAndBulkData_NativePixels_EqualTheOriginal_BadOrMissingFramesNamed()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-wado-frames");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 1);
        using var reader = Reader();
        var pixels = DicomFile.Open(study.Sent.Files[0]).Dataset.GetBytes(DicomTags.PixelData).ToArray();

        // Act
        var (frames, framesBody) = await reader.GetAllAsync(study.InstancePath(0) + "/frames/1,1", "multipart/related; type=application/octet-stream; transfer-syntax=*");
        var (bulk, bulkBody) = await reader.GetAllAsync(study.InstancePath(0) + "/bulkdata/7FE00010", OctetParts);
        var (outOfRange, outOfRangeBody) = await reader.GetAllAsync(study.InstancePath(0) + "/frames/1,2,3", OctetParts);
        var (malformed, _) = await reader.GetAllAsync(study.InstancePath(0) + "/frames/1,x", OctetParts);
        var (zero, _) = await reader.GetAllAsync(study.InstancePath(0) + "/frames/0", OctetParts);
        var (jpeg, jpegBody) = await reader.GetAllAsync(study.InstancePath(0) + "/frames/1", "multipart/related; type=application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.50");

        // Assert
        Assert.Equal(HttpStatusCode.OK, frames.StatusCode);
        var parts = MultipartBody.Parse(frames.Content.Headers.ContentType, framesBody);
        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.Equal(pixels, p.Body));
        Assert.All(parts, p => Assert.Equal("application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1", p.ContentType));
        Assert.Equal(pixels, Assert.Single(MultipartBody.Parse(bulk.Content.Headers.ContentType, bulkBody)).Body);
        Assert.Equal(HttpStatusCode.NotFound, outOfRange.StatusCode);
        Assert.Contains("Frame 2, 3 not in instance", DicomWebHttp.ProblemText(outOfRangeBody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, jpeg.StatusCode);
        Assert.Contains("transfer-syntax may be * or 1.2.840.10008.1.2.1", DicomWebHttp.ProblemText(jpegBody), StringComparison.Ordinal);
    }
}
