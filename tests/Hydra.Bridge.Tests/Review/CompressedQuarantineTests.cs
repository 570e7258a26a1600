using Hydra.Bridge.Ingest;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Bridge.Tests.Review;

/// <summary>
/// A real JPEG-compressed secondary capture (pydicom's corpus): the pixel cleaner does not decode JPEG, so the bridge
/// quarantines it; the officer sees the decoded original (Skia decodes it for the thumbnail) and releases it, and its
/// reader reads it.
/// </summary>
public sealed class CompressedQuarantineTests : IClassFixture<BridgeFixture>
{
    private readonly BridgeFixture _fixture;

    public CompressedQuarantineTests(BridgeFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task JpegOriginal_QuarantinedAsNotScannable_OfficerSeesDecodedThumbnail_AndReleasesIt()
    {
        // Arrange
        var file = Path.Combine(Dcmtk.CorpusFolder, "SC_rgb_jpeg_dcmtk.dcm");
        var original = DicomFile.Open(file);
        // Ingested in process: the same path C-STORE and STOW-RS take, without storescu's transfer syntax negotiation.
        var pipeline = _fixture.Bridge.Node.Services.GetRequiredService<IngestPipeline>();
        var ingested = await pipeline.IngestAsync(DicomFile.Open(file), "HOSPITAL", CancellationToken.None).DefaultTimeout();
        Assert.Equal(IngestOutcome.Quarantined, ingested.Outcome);
        var officer = _fixture.Bridge.ConnectReader(GridReader.CertificateOf(_fixture.Pki, DevUser.Officer));
        var reader = _fixture.Bridge.ConnectReader(GridReader.CertificateOf(_fixture.Pki, DevUser.Reader));

        // Act
        var listed = Assert.Single(await officer.ListQuarantineAsync(CancellationToken.None).DefaultTimeout(), q => q.Source == "HOSPITAL");
        var png = await officer.GetQuarantineThumbnailAsync(listed.Id, CancellationToken.None).DefaultTimeout();
        var released = await officer.ReleaseQuarantinedAsync(listed.Id, CancellationToken.None).DefaultTimeout();

        // Assert: the cleaner cannot scan JPEG Baseline (no regions); the officer's thumbnail is the decoded 100 x 100 image.
        Assert.Equal(("PixelDataNotScannable", 0), (listed.ReasonCode, listed.RegionCount));
        using var bitmap = OfficerReviewTests.Decode(png, 100, 100);
        var colours = Enumerable.Range(0, 100).SelectMany(y => Enumerable.Range(0, 100).Select(x => bitmap.GetPixel(x, y))).Distinct().Count();
        Assert.True(colours >= 3, $"{colours} colours: the JPEG was not decoded");

        // Released as it is: the compressed fragments unchanged, the headers de-identified.
        Assert.Equal("released", released.Decision);
        using var dicom = new MemoryStream();
        await using (var stream = await reader.OpenDicomAsync(released.ReleasedSopInstanceUid!, CancellationToken.None).DefaultTimeout())
        {
            await stream.CopyToAsync(dicom).DefaultTimeout();
        }

        var output = DicomFile.Read(dicom.ToArray());
        Assert.Equal(original.TransferSyntax, output.TransferSyntax);
        Assert.Equal(
            ((DicomFragmentSequence)original.Dataset[DicomTags.PixelData]!).Fragments.SelectMany(f => f.ToArray()),
            ((DicomFragmentSequence)output.Dataset[DicomTags.PixelData]!).Fragments.SelectMany(f => f.ToArray()));
        Assert.NotEqual(original.Dataset.GetString(DicomTags.SOPInstanceUID), output.Dataset.GetString(DicomTags.SOPInstanceUID));
    }
}
