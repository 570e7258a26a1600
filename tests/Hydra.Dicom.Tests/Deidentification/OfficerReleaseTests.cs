using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>
/// An officer's release of a quarantined original: the headers are de-identified as always, the pixels go out as they
/// are, and neither the pixel cleaner nor the burned-in header policy is asked again.
/// </summary>
public sealed class OfficerReleaseTests
{
    [Fact]
    public void ReleasedByOfficer_BurnedInYes_DeidentifiedHeaders_PixelsAsTheyAre_NoCleanPixelCode()
    {
        // Arrange: an original every policy quarantines, and a cleaner that must not be asked.
        var input = SyntheticImage.Ct("1.2.3.77");
        input.Dataset.SetString(DicomTags.BurnedInAnnotation, "YES");
        input.Dataset.SetString(DicomTags.RecognizableVisualFeatures, "YES");
        var pixels = input.Dataset.GetBytes(DicomTags.PixelData).ToArray();
        var deidentifier = new DicomDeidentifier(
            new DeidentificationOptions { BridgeSecret = TestSecrets.Secret }, new RefusingCleaner());

        // Act
        var normal = deidentifier.Deidentify(input, "HOSPITAL");
        var released = deidentifier.Deidentify(input, "HOSPITAL", PixelCleaning.ReleasedByOfficer);

        // Assert: quarantined without the decision; with it, de-identified with the same pseudonymous UIDs as ever.
        Assert.True(normal.IsQuarantined);
        Assert.False(released.IsQuarantined);
        var output = released.File.Dataset;
        Assert.NotEqual("Muster^Erika", output.GetString(DicomTags.PatientName));
        Assert.Equal(released.Report.PatientPseudonym, output.GetString(DicomTags.PatientID));
        Assert.NotEqual("1.2.3.77", released.Report.SopInstanceUid);
        Assert.Equal("YES", output.GetString(DicomTags.BurnedInAnnotation));
        Assert.Equal(pixels, output.GetBytes(DicomTags.PixelData).ToArray());
        Assert.False(released.Report.PixelsCleaned);
        Assert.Empty(released.Report.PixelRegions);
        var codes = output.GetSequence(DicomTags.DeidentificationMethodCodeSequence)!.Items.Select(c => c.GetString(DicomTags.CodeValue)).ToList();
        Assert.Contains("113100", codes);
        Assert.DoesNotContain("113101", codes);
    }

    [Fact]
    public void DecidedQuarantine_IsQuarantinedWithItsRegions()
    {
        // Arrange
        var region = new PixelRegion(1, 1, 2, 3, 4, PixelRegionSource.RecognizedText);
        var decided = PixelCleaning.Quarantined(new QuarantineReason(QuarantineCode.TextBeyondPolicy, "too much text"), [region]);

        // Act
        var result = TestSecrets.Deidentifier().Deidentify(SyntheticImage.Ct("1.2.3.78"), null, decided);

        // Assert
        Assert.True(result.IsQuarantined);
        Assert.Equal(QuarantineCode.TextBeyondPolicy, result.Quarantine.Code);
        Assert.Equal([region], result.QuarantinedRegions);
    }

    private sealed class RefusingCleaner : IPixelCleaner
    {
        public PixelCleaning Clean(DicomFile original, CancellationToken cancellationToken) =>
            PixelCleaning.Quarantined(new QuarantineReason(QuarantineCode.TextBeyondPolicy, "the cleaner was asked"));
    }
}
