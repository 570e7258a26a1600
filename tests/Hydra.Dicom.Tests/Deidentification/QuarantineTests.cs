using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>What never leaves: burned-in text, recognisable faces, images without identity.</summary>
public sealed class QuarantineTests
{
    private static readonly DicomDeidentifier Deidentifier = TestSecrets.Deidentifier();

    private static readonly DeidentificationProfile Relaxed = DeidentificationProfile.Default with
    {
        BurnedInAnnotation = BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes,
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Deidentify_BurnedInAnnotationYes_QuarantinedUnderEveryPolicy(bool relaxed)
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");
        input.Dataset.SetString(DicomTags.BurnedInAnnotation, "YES");

        // Act
        var result = Deidentifier.Deidentify(input, relaxed ? Relaxed : DeidentificationProfile.Default);

        // Assert
        Assert.True(result.IsQuarantined);
        Assert.Equal(QuarantineCode.BurnedInAnnotation, result.Quarantine.Code);
        Assert.Null(result.File);
    }

    [Theory]
    [InlineData("US", "1.2.840.10008.5.1.4.1.1.6.1")]
    [InlineData("OT", "1.2.840.10008.5.1.4.1.1.7")]
    [InlineData("CT", "1.2.840.10008.5.1.4.1.1.7.4")]
    [InlineData("XC", "1.2.840.10008.5.1.4.1.1.77.1.4")]
    [InlineData("DOC", "1.2.840.10008.5.1.4.1.1.104.1")]
    public void Deidentify_RiskyKindWithoutBurnedInAnnotation_Quarantined(string modality, string sopClass)
    {
        // Arrange
        var input = Risky(modality, sopClass);

        // Act
        var result = Deidentifier.Deidentify(input, DeidentificationProfile.Default);

        // Assert
        Assert.True(result.IsQuarantined);
        Assert.Equal(QuarantineCode.BurnedInAnnotationRisk, result.Quarantine.Code);
    }

    [Fact]
    public void Deidentify_RiskyKindMarkedNo_OrRelaxedPolicy_PassesThrough()
    {
        // Arrange
        var marked = Risky("US", "1.2.840.10008.5.1.4.1.1.6.1");
        marked.Dataset.SetString(DicomTags.BurnedInAnnotation, "NO");

        // Act
        var markedResult = Deidentifier.Deidentify(marked, DeidentificationProfile.Default);
        var relaxedResult = Deidentifier.Deidentify(Risky("US", "1.2.840.10008.5.1.4.1.1.6.1"), Relaxed);

        // Assert
        Assert.False(markedResult.IsQuarantined);
        Assert.False(relaxedResult.IsQuarantined);
    }

    [Fact]
    public void Deidentify_ScreenCaptureImageType_Quarantined()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");
        input.Dataset.Remove(DicomTags.BurnedInAnnotation);
        input.Dataset.SetStrings(DicomTags.ImageType, "DERIVED", "SECONDARY", "SCREEN");

        // Act
        var result = Deidentifier.Deidentify(input, DeidentificationProfile.Default);

        // Assert
        Assert.Equal(QuarantineCode.BurnedInAnnotationRisk, result.Quarantine?.Code);
    }

    [Fact]
    public void Deidentify_RecognizableVisualFeaturesYes_Quarantined()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");
        input.Dataset.SetString(DicomTags.RecognizableVisualFeatures, "YES");

        // Act
        var result = Deidentifier.Deidentify(input, Relaxed);

        // Assert
        Assert.Equal(QuarantineCode.RecognizableVisualFeatures, result.Quarantine?.Code);
    }

    [Fact]
    public void Deidentify_NoSopInstanceUid_Quarantined()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");
        input.Dataset.Remove(DicomTags.SOPInstanceUID);

        // Act
        var result = Deidentifier.Deidentify(input, DeidentificationProfile.Default);

        // Assert
        Assert.Equal(QuarantineCode.MissingRequiredAttribute, result.Quarantine?.Code);
    }

    [Fact]
    public void Deidentify_QuarantineReason_NamesTagsNeverTheFilesValues()
    {
        // Arrange
        var input = Risky("US", "1.2.840.10008.5.1.4.1.1.7.9999");
        input.Dataset.SetString(DicomTags.Modality, "ZZ");

        // Act
        var result = Deidentifier.Deidentify(input, DeidentificationProfile.Default);

        // Assert
        Assert.Contains("(0008,0016)", result.Quarantine!.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("9999", result.Quarantine.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Muster", result.Quarantine.Detail, StringComparison.Ordinal);
    }

    private static DicomFile Risky(string modality, string sopClass)
    {
        var file = SyntheticImage.Ct("1.2.3.1");
        file.Dataset.Remove(DicomTags.BurnedInAnnotation);
        file.Dataset.SetString(DicomTags.Modality, modality);
        file.Dataset.SetString(DicomTags.SOPClassUID, sopClass);
        return file;
    }
}
