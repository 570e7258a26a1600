using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Redaction.Devices;
using Hydra.Dicom.Redaction.Tests.Corpus;
using Hydra.Testing;

namespace Hydra.Dicom.Redaction.Tests;

/// <summary>What is scanned and what is quarantined, device regions, the text policy, and parallel callers.</summary>
[Collection(CorpusCollection.Name)]
public sealed class PixelCleanerTests(CorpusFixture fixture)
{
    private static readonly string PydicomFiles = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

    [Theory]
    [InlineData("MR_small_RLE.dcm", "1.2.840.10008.1.2.5")]
    [InlineData("SC_rgb_jpeg.dcm", "1.2.840.10008.1.2.4.50")]
    [InlineData("JPEG2000.dcm", "1.2.840.10008.1.2.4.9")]
    [InlineData("MR_small_jpeg_ls_lossless.dcm", "1.2.840.10008.1.2.4.80")]
    public void EncapsulatedPixelData_IsQuarantinedNamingItsTransferSyntax(string name, string uid)
    {
        var result = fixture.Cleaner.Clean(Pydicom(name), CancellationToken.None);

        Assert.True(result.IsQuarantined);
        Assert.Equal(QuarantineCode.PixelDataNotScannable, result.Quarantine.Code);
        Assert.Contains(uid, result.Quarantine.Detail, StringComparison.Ordinal);
        Assert.Equal(0, result.FramesScanned);
    }

    [Theory]
    [InlineData("SC_ybr_full_422_uncompressed.dcm", "YBR_FULL_422")]
    [InlineData("rtdose.dcm", "32 bits")]
    public void UnsupportedPixelLayout_IsQuarantinedNamingIt(string name, string named)
    {
        var result = fixture.Cleaner.Clean(Pydicom(name), CancellationToken.None);

        Assert.True(result.IsQuarantined);
        Assert.Equal(QuarantineCode.PixelDataNotScannable, result.Quarantine.Code);
        Assert.Contains(named, result.Quarantine.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MR_small_bigendian.dcm")]
    [InlineData("MR_small_implicit.dcm")]
    [InlineData("image_dfl.dcm")]
    [InlineData("ExplVR_BigEnd.dcm")]
    public void NativeTransferSyntaxes_AreScanned(string name)
    {
        var result = fixture.Cleaner.Clean(Pydicom(name), CancellationToken.None);

        Assert.False(result.IsQuarantined, result.Quarantine?.Detail);
        Assert.Equal(1, result.FramesScanned);
    }

    [Fact]
    public void BigEndian_ScansTheSameValuesAsLittleEndian()
    {
        var little = Pydicom("MR_small.dcm");
        var big = Pydicom("MR_small_bigendian.dcm");

        Assert.Equal(little.Dataset.Get<DicomValueElement>(DicomTags.PixelData)!.Value.ToArray(), big.Dataset.Get<DicomValueElement>(DicomTags.PixelData)!.Value.ToArray());
        Assert.Equal(fixture.Cleaner.Clean(little, CancellationToken.None).Regions, fixture.Cleaner.Clean(big, CancellationToken.None).Regions);
    }

    [Fact]
    public void NoPixelData_IsNoPixelData()
    {
        Assert.Same(PixelCleaning.NoPixelData, fixture.Cleaner.Clean(Pydicom("rtplan.dcm"), CancellationToken.None));
    }

    [Fact]
    public void TextOverMoreThanMaxTextFraction_IsQuarantinedWithoutItsText()
    {
        // Arrange: the top band image, with a policy that allows text over 0.1% of a frame only.
        var image = fixture.Corpus.Images.Single(i => i.File.StartsWith("t01-", StringComparison.Ordinal));
        var options = CorpusFixture.Options();
        options.MaxTextFraction = 0.001;
        using var strict = new PixelCleaner(options);

        // Act
        var result = strict.Clean(DicomFile.Open(fixture.Corpus.PathOf(image)), CancellationToken.None);

        // Assert
        Assert.True(result.IsQuarantined);
        Assert.Equal(QuarantineCode.TextBeyondPolicy, result.Quarantine.Code);
        Assert.Contains("MaxTextFraction", result.Quarantine.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(result.Regions);
        Assert.Null(result.PixelData);
    }

    [Fact]
    public void NoReasonOrRegion_CarriesRecognisedText()
    {
        foreach (var cleaned in fixture.Cleaned.Values.Where(c => c.Result.IsQuarantined))
        {
            Assert.DoesNotContain(cleaned.Image.Strings, s => Testing.Pixels.TesseractReader.Leaks(s, cleaned.Result.Quarantine!.Detail));
        }
    }

    [Fact]
    public void DeviceRegion_IsBlankedFirstAndListed()
    {
        var cleaned = fixture.Cleaned.Values.Single(c => c.Image.File.StartsWith("t31-", StringComparison.Ordinal));

        Assert.Contains(new PixelRegion(1, 0, 0, 512, 28, PixelRegionSource.DeviceRegion), cleaned.Result.Regions);
        var pixels = DicomFile.Open(cleaned.CleanedPath).Dataset.Get<DicomValueElement>(DicomTags.PixelData)!.Value.ToArray();
        var band = Enumerable.Range(0, 512 * 28).Select(i => BitConverter.ToUInt16(pixels, 2 * i)).Distinct().ToList();
        Assert.Single(band);

        // The band held the text: OCR found nothing more to blank.
        Assert.DoesNotContain(cleaned.Result.Regions, r => r.Source == PixelRegionSource.RecognizedText);
    }

    [Fact]
    public void DeviceRule_MatchesOnlyItsDevice()
    {
        var rule = CorpusFixture.Options().DeviceRegions[0];
        var device = DicomFile.Open(fixture.Corpus.PathOf(fixture.Corpus.Images.Single(i => i.File.StartsWith("t31-", StringComparison.Ordinal)))).Dataset;
        var other = DicomFile.Open(fixture.Corpus.PathOf(fixture.Corpus.Images.Single(i => i.File.StartsWith("t01-", StringComparison.Ordinal)))).Dataset;

        Assert.True(rule.Matches(device));
        Assert.False(rule.Matches(other));
        device.SetString(DicomTags.Modality, "MR");
        Assert.False(rule.Matches(device));
    }

    [Fact]
    public async Task ParallelCleans_GiveTheSameResultsAsOneAtATime()
    {
        var images = fixture.Cleaned.Values.Where(c => c.Image.HasText).Take(8).ToList();

        var results = await Task.WhenAll(images.Concat(images).Select(c => Task.Run(() => (c, Result: fixture.Cleaner.Clean(DicomFile.Open(c.OriginalPath), CancellationToken.None)))))
            .TimeoutAfter(TimeSpan.FromMinutes(5));

        foreach (var (c, result) in results)
        {
            Assert.Equal(c.Result.Regions, result.Regions);
            Assert.Equal(c.Result.PixelData?.ToArray(), result.PixelData?.ToArray());
        }
    }

    [Fact]
    public void Cancellation_StopsTheScan()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var image = fixture.Corpus.Images.Single(i => i.File.StartsWith("t28-", StringComparison.Ordinal));

        Assert.ThrowsAny<OperationCanceledException>(() => fixture.Cleaner.Clean(DicomFile.Open(fixture.Corpus.PathOf(image)), cancelled.Token));
    }

    private static DicomFile Pydicom(string name) => DicomFile.Open(Path.Combine(PydicomFiles, name));
}
