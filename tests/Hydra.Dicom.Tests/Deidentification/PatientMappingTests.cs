using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>
/// <see cref="DicomDeidentifier.MapPatient"/> gives exactly what de-identification writes, so a patient named at sign-in
/// by issuer and Patient ID finds their own images and sees their real dates.
/// </summary>
public sealed class PatientMappingTests
{
    [Fact]
    public void MapPatient_SameSecret_GivesThePseudonymAndOffsetTheDeidentifierWrites()
    {
        // Arrange: de-identified by one de-identifier, mapped by another with the same secret (as after a restart).
        var written = TestSecrets.Deidentifier().Deidentify(SyntheticImage.Ct("1.2.3.1", patientId: "PID-0815"), source: null).File!.Dataset;

        // Act
        var mapping = TestSecrets.Deidentifier().MapPatient("HOSP", "PID-0815", source: null);

        // Assert
        Assert.Equal(written.GetString(DicomTags.PatientID), mapping.Pseudonym);
        Assert.Equal(new DateOnly(2024, 3, 15).AddDays(mapping.DateOffsetDays!.Value), written.GetDate(DicomTags.StudyDate));
        Assert.Equal(new DateOnly(2024, 3, 16).AddDays(mapping.DateOffsetDays.Value), written.GetDate(DicomTags.ContentDate));
    }

    [Fact]
    public void MapPatient_OtherPatientOrIssuerOrSecret_GivesAnotherPseudonym()
    {
        // Arrange
        var mapping = TestSecrets.Deidentifier().MapPatient("HOSP", "PID-0815", source: null);

        // Act
        var otherPatient = TestSecrets.Deidentifier().MapPatient("HOSP", "PID-0816", source: null);
        var otherIssuer = TestSecrets.Deidentifier().MapPatient("OTHER", "PID-0815", source: null);
        var otherSecret = TestSecrets.Deidentifier(secret: TestSecrets.OtherSecret).MapPatient("HOSP", "PID-0815", source: null);

        // Assert
        Assert.Equal(4, new[] { mapping, otherPatient, otherIssuer, otherSecret }.Select(m => m.Pseudonym).Distinct().Count());
    }

    [Fact]
    public void MapPatient_SourceKeepingDates_HasNoOffsetButTheSamePseudonym()
    {
        // Arrange
        var options = new DeidentificationOptions { BridgeSecret = TestSecrets.Secret };
        options.SourceProfiles["CT_SCANNER"] = new DeidentificationProfile { Options = ConfidentialityOptions.RetainLongitudinalFullDates };
        var deidentifier = new DicomDeidentifier(options);
        var written = deidentifier.Deidentify(SyntheticImage.Ct("1.2.3.1"), "CT_SCANNER").File!.Dataset;

        // Act
        var scanner = deidentifier.MapPatient("HOSP", "PID-4711", "CT_SCANNER");
        var other = deidentifier.MapPatient("HOSP", "PID-4711", "OTHER");

        // Assert
        Assert.Null(scanner.DateOffsetDays);
        Assert.NotNull(other.DateOffsetDays);
        Assert.Equal(written.GetString(DicomTags.PatientID), scanner.Pseudonym);
        Assert.Equal(scanner.Pseudonym, other.Pseudonym);
        Assert.Equal(LongitudinalTemporalInformation.Unmodified, deidentifier.TemporalInformation("CT_SCANNER"));
        Assert.Equal(LongitudinalTemporalInformation.Modified, deidentifier.TemporalInformation("OTHER"));
    }

    [Fact]
    public void MapPatient_EmptyIssuer_UsesTheSourcesDefaultIssuerAsDeidentificationDoes()
    {
        // Arrange: an image without Issuer of Patient ID, from a source whose profile names the issuer.
        var options = new DeidentificationOptions { BridgeSecret = TestSecrets.Secret };
        options.SourceProfiles["RIS"] = new DeidentificationProfile { DefaultIssuerOfPatientId = "HOSP" };
        var deidentifier = new DicomDeidentifier(options);
        var image = SyntheticImage.Ct("1.2.3.1");
        image.Dataset.Remove(DicomTags.IssuerOfPatientID);
        var written = deidentifier.Deidentify(image, "RIS").File!.Dataset;

        // Act
        var mapping = deidentifier.MapPatient(string.Empty, " PID-4711 ", "RIS");

        // Assert
        Assert.Equal(written.GetString(DicomTags.PatientID), mapping.Pseudonym);
        Assert.Equal(deidentifier.MapPatient("HOSP", "PID-4711", "RIS"), mapping);
    }
}
