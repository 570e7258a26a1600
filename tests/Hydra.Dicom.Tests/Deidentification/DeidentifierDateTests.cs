using System.Globalization;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>Dates under each temporal option, and the per-source profile that chooses the option.</summary>
public sealed class DeidentifierDateTests
{
    private static readonly DicomDeidentifier Deidentifier = TestSecrets.Deidentifier();

    [Fact]
    public void Deidentify_DefaultProfile_ShiftsDatesByThePatientsOffsetAndKeepsTimes()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");

        // Act
        var result = Deidentifier.Deidentify(input, DeidentificationProfile.Default);

        // Assert
        var offset = result.Report!.DateOffsetDays!.Value;
        var dataset = result.File!.Dataset;
        Assert.InRange(Math.Abs(offset), 1, 365);
        Assert.Equal(new DateOnly(2024, 3, 15).AddDays(offset), dataset.GetDate(DicomTags.StudyDate));
        Assert.Equal(new DateOnly(2024, 3, 16).AddDays(offset), dataset.GetDate(DicomTags.ContentDate));
        var shifted = new DateOnly(2024, 3, 15).AddDays(offset).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        Assert.Equal(shifted + "101112.5+0100", dataset.GetString(DicomTags.AcquisitionDateTime));
        Assert.Equal("101112", dataset.GetString(DicomTags.StudyTime));
        Assert.Equal("MODIFIED", dataset.GetString(DicomTags.LongitudinalTemporalInformationModified));
        var otherStudy = Deidentifier.Deidentify(SyntheticImage.Ct("1.2.3.2", studyUid: "1.2.5"), DeidentificationProfile.Default);
        Assert.Equal(offset, otherStudy.Report!.DateOffsetDays);
    }

    [Fact]
    public void Deidentify_BasicProfile_EmptiesType2DatesDummiesType1AndRecordsRemoved()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");

        // Act
        var result = Deidentifier.Deidentify(input, new DeidentificationProfile { Options = ConfidentialityOptions.None });

        // Assert
        var dataset = result.File!.Dataset;
        Assert.True(dataset.Contains(DicomTags.StudyDate) && dataset.GetBytes(DicomTags.StudyDate).IsEmpty);
        Assert.Equal("19000101", dataset.GetString(DicomTags.ContentDate));
        Assert.False(dataset.Contains(DicomTags.PatientBirthDate) && !dataset.GetBytes(DicomTags.PatientBirthDate).IsEmpty);
        Assert.Equal("REMOVED", dataset.GetString(DicomTags.LongitudinalTemporalInformationModified));
        Assert.Null(result.Report!.DateOffsetDays);
    }

    [Fact]
    public void Deidentify_FullDates_KeepsDatesUnmodified()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");

        // Act
        var result = Deidentifier.Deidentify(input, new DeidentificationProfile { Options = ConfidentialityOptions.RetainLongitudinalFullDates });

        // Assert
        Assert.Equal("20240315", result.File!.Dataset.GetString(DicomTags.StudyDate));
        Assert.Equal("UNMODIFIED", result.File.Dataset.GetString(DicomTags.LongitudinalTemporalInformationModified));
    }

    [Fact]
    public void Deidentify_SourceWithItsOwnProfile_UsesIt()
    {
        // Arrange
        var options = new DeidentificationOptions { BridgeSecret = TestSecrets.Secret };
        options.SourceProfiles["CT_SCANNER"] = new DeidentificationProfile { Options = ConfidentialityOptions.RetainLongitudinalFullDates };
        var deidentifier = new DicomDeidentifier(options);

        // Act
        var scanner = deidentifier.Deidentify(SyntheticImage.Ct("1.2.3.1"), "CT_SCANNER").File!.Dataset;
        var other = deidentifier.Deidentify(SyntheticImage.Ct("1.2.3.1"), "OTHER").File!.Dataset;

        // Assert
        Assert.Equal("20240315", scanner.GetString(DicomTags.StudyDate));
        Assert.NotEqual("20240315", other.GetString(DicomTags.StudyDate));
    }
}
