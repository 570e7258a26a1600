using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>
/// What the de-identifier does with a pixel cleaner's answer (PS3.15 E.3.1): the blanked pixels replace the original's,
/// Burned In Annotation says NO and DCM 113101 is recorded only after a scan, and a quarantine passes through. The
/// cleaner here is a scripted seam; the OCR cleaner itself is tested in Hydra.Dicom.Redaction.Tests.
/// </summary>
public sealed class PixelCleaningSeamTests
{
    private static readonly PixelRegion Box = new(1, 0, 0, 1, 1, PixelRegionSource.RecognizedText);

    [Theory]
    [InlineData("YES")]
    [InlineData("NO")]
    [InlineData(null)]
    public void Redacted_PixelsReplaced_BurnedInAnnotationNo_CleanPixelCodeRecorded(string? burnedIn)
    {
        // Arrange: whatever the header says, the scan decides.
        var input = Image(burnedIn);
        var cleaned = new byte[] { 0, 0 };
        var cleaner = new ScriptedCleaner(_ => PixelCleaning.Redacted(1, cleaned, [Box]));

        // Act
        var result = TestSecrets.Deidentifier(cleaner: cleaner).Deidentify(input, DeidentificationProfile.Default);

        // Assert
        Assert.False(result.IsQuarantined);
        var output = result.File.Dataset;
        Assert.Equal(cleaned, ((DicomValueElement)output[DicomTags.PixelData]!).Value.ToArray());
        Assert.Equal(new byte[] { 0x34, 0x12 }, ((DicomValueElement)input.Dataset[DicomTags.PixelData]!).Value.ToArray());
        Assert.Equal("NO", output.GetString(DicomTags.BurnedInAnnotation));
        Assert.Contains("113101", Codes(output));
        Assert.True(result.Report.PixelsCleaned);
        Assert.Equal([Box], result.Report.PixelRegions);
        Assert.Equal(1, cleaner.Calls);
    }

    [Fact]
    public void NothingFound_PixelsShared_StillCleanedAndSaysSo()
    {
        var input = Image("YES");
        var result = TestSecrets.Deidentifier(cleaner: new ScriptedCleaner(_ => PixelCleaning.NothingFound(1))).Deidentify(input, DeidentificationProfile.Default);

        Assert.False(result.IsQuarantined);
        Assert.Same(input.Dataset[DicomTags.PixelData], result.File.Dataset[DicomTags.PixelData]);
        Assert.Equal("NO", result.File.Dataset.GetString(DicomTags.BurnedInAnnotation));
        Assert.Contains("113101", Codes(result.File.Dataset));
        Assert.Empty(result.Report.PixelRegions);
    }

    [Fact]
    public void CleanerQuarantines_ResultIsQuarantinedWithItsRegions()
    {
        var reason = new QuarantineReason(QuarantineCode.TextBeyondPolicy, "text over 40% of frame 1");
        var result = TestSecrets.Deidentifier(cleaner: new ScriptedCleaner(_ => PixelCleaning.Quarantined(reason, [Box])))
            .Deidentify(Image("NO"), DeidentificationProfile.Default);

        Assert.True(result.IsQuarantined);
        Assert.Same(reason, result.Quarantine);
        Assert.Equal([Box], result.QuarantinedRegions);
    }

    [Theory]
    [InlineData(BurnedInAnnotationPolicy.QuarantineUnlessMarkedNo, "NO", true)]
    [InlineData(BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes, "YES", true)]
    [InlineData(BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes, "NO", false)]
    [InlineData(BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes, null, false)]
    public void NotScannable_QuarantinedUnlessTheSourceIsTrustedAndTheImageDoesNotSayYes(BurnedInAnnotationPolicy policy, string? burnedIn, bool quarantined)
    {
        var reason = new QuarantineReason(QuarantineCode.PixelDataNotScannable, "JPEG Baseline is not decoded here");
        var profile = DeidentificationProfile.Default with { BurnedInAnnotation = policy };

        var result = TestSecrets.Deidentifier(cleaner: new ScriptedCleaner(_ => PixelCleaning.Quarantined(reason))).Deidentify(Image(burnedIn), profile);

        Assert.Equal(quarantined, result.IsQuarantined);
        if (!quarantined)
        {
            Assert.DoesNotContain("113101", Codes(result.File!.Dataset));
            Assert.Equal(burnedIn, result.File.Dataset.GetString(DicomTags.BurnedInAnnotation));
            Assert.False(result.Report!.PixelsCleaned);
        }
    }

    [Fact]
    public void TrustedSource_TextFound_StillQuarantined()
    {
        var reason = new QuarantineReason(QuarantineCode.TextBeyondPolicy, "text over 40% of frame 1");
        var profile = DeidentificationProfile.Default with { BurnedInAnnotation = BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes };

        var result = TestSecrets.Deidentifier(cleaner: new ScriptedCleaner(_ => PixelCleaning.Quarantined(reason))).Deidentify(Image("NO"), profile);

        Assert.Equal(QuarantineCode.TextBeyondPolicy, result.Quarantine?.Code);
    }

    [Fact]
    public void CleanerMeetsAnUndecodableAttribute_QuarantinedAsInvalid()
    {
        var cleaner = new ScriptedCleaner(_ => throw new DicomFormatException("(0028,0010) does not decode as US"));

        var result = TestSecrets.Deidentifier(cleaner: cleaner).Deidentify(Image("NO"), DeidentificationProfile.Default);

        Assert.Equal(QuarantineCode.InvalidDataset, result.Quarantine?.Code);
        Assert.Contains("(0028,0010)", result.Quarantine!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RecognizableVisualFeatures_QuarantinedBeforeAnyScan()
    {
        var input = Image("NO");
        input.Dataset.SetString(DicomTags.RecognizableVisualFeatures, "YES");
        var cleaner = new ScriptedCleaner(_ => PixelCleaning.NothingFound(1));

        var result = TestSecrets.Deidentifier(cleaner: cleaner).Deidentify(input, DeidentificationProfile.Default);

        Assert.Equal(QuarantineCode.RecognizableVisualFeatures, result.Quarantine?.Code);
        Assert.Equal(0, cleaner.Calls);
    }

    [Fact]
    public void NoPixelData_TheHeaderPolicyDecides()
    {
        // An encapsulated document of a risky class has no pixels to scan: quarantined on its header, as without a cleaner.
        var input = Image(null);
        input.Dataset.Remove(DicomTags.PixelData);
        input.Dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.104.1");
        input.Dataset.SetString(DicomTags.Modality, "DOC");
        var cleaner = new ScriptedCleaner(_ => PixelCleaning.NothingFound(1));

        var result = TestSecrets.Deidentifier(cleaner: cleaner).Deidentify(input, DeidentificationProfile.Default);

        Assert.Equal(QuarantineCode.BurnedInAnnotationRisk, result.Quarantine?.Code);
        Assert.Equal(0, cleaner.Calls);
    }

    [Fact]
    public void WithoutCleaner_NoCleanPixelCode_AndBurnedInAnnotationUntouched()
    {
        var result = TestSecrets.Deidentifier().Deidentify(Image("NO"), DeidentificationProfile.Default);

        Assert.DoesNotContain("113101", Codes(result.File!.Dataset));
        Assert.False(result.Report!.PixelsCleaned);
        Assert.Equal("NO", result.File.Dataset.GetString(DicomTags.BurnedInAnnotation));
    }

    private static DicomFile Image(string? burnedIn)
    {
        var file = SyntheticImage.Ct("1.2.3.44");
        file.Dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[] { 0x34, 0x12 });
        if (burnedIn is null)
        {
            file.Dataset.Remove(DicomTags.BurnedInAnnotation);
        }
        else
        {
            file.Dataset.SetString(DicomTags.BurnedInAnnotation, burnedIn);
        }

        return file;
    }

    private static IEnumerable<string?> Codes(DicomDataset dataset) =>
        dataset.GetSequence(DicomTags.DeidentificationMethodCodeSequence)!.Items.Select(item => item.GetString(DicomTags.CodeValue));

    private sealed class ScriptedCleaner(Func<DicomFile, PixelCleaning> answer) : IPixelCleaner
    {
        public int Calls { get; private set; }

        public PixelCleaning Clean(DicomFile original, CancellationToken cancellationToken)
        {
            Calls++;
            return answer(original);
        }
    }
}
