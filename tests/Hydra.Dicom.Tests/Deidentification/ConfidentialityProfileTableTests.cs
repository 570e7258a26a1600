using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>The generated PS3.15 Table E.1-1: every row, pattern lookup and option resolution.</summary>
public sealed class ConfidentialityProfileTableTests
{
    [Fact]
    public void Rows_GeneratedTable_HasAll621RowsWithTenOptionColumns()
    {
        // Act
        var rows = ConfidentialityProfileTable.Rows;

        // Assert
        Assert.Equal(621, rows.Count);
        Assert.Equal(ConfidentialityProfileTable.RowCount, rows.Count);
        Assert.All(rows, row => Assert.Matches("^[KC-]{10}$", row.OptionCodes));
        Assert.All(rows, row => Assert.NotEqual(ProfileAction.None, row.Basic));
    }

    [Theory]
    [InlineData(0x00100010, "Z")]   // Patient's Name
    [InlineData(0x00100020, "ZD")]  // Patient ID
    [InlineData(0x00080018, "U")]   // SOP Instance UID
    [InlineData(0x00081140, "XZU")] // Referenced Image Sequence
    [InlineData(0x00080080, "XZD")] // Institution Name
    [InlineData(0x00880200, "X")]   // Icon Image Sequence
    public void Find_ListedTag_ReturnsItsBasicAction(uint tag, string expected)
    {
        // Act
        var row = ConfidentialityProfileTable.Find(new DicomTag(tag));

        // Assert
        Assert.Equal(Enum.Parse<ProfileAction>(expected), row?.Basic);
    }

    [Theory]
    [InlineData(0x60003000, "Overlay Data")]
    [InlineData(0x601E3000, "Overlay Data")]
    [InlineData(0x60024000, "Overlay Comments")]
    [InlineData(0x50000000, "Curve Data")]
    [InlineData(0x50EE3000, "Curve Data")]
    [InlineData(0x00091001, "Private Attributes")]
    [InlineData(0x7FE10010, "Private Attributes")]
    public void Find_TagOfAPatternRow_ReturnsThePattern(uint tag, string name)
    {
        // Act
        var row = ConfidentialityProfileTable.Find(new DicomTag(tag));

        // Assert
        Assert.Equal(name, row?.Name);
        Assert.True(row!.IsPattern);
    }

    [Fact]
    public void Find_UnlistedTag_ReturnsNull()
    {
        // Act
        var row = ConfidentialityProfileTable.Find(DicomTags.Rows);

        // Assert
        Assert.Null(row);
    }

    [Theory]
    [InlineData(ConfidentialityOptions.None, "Z")]
    [InlineData(ConfidentialityOptions.RetainLongitudinalFullDates, "K")]
    [InlineData(ConfidentialityOptions.RetainLongitudinalModifiedDates, "C")]
    [InlineData(ConfidentialityOptions.CleanDescriptors, "Z")]
    public void ActionFor_StudyDate_FollowsTheDateOptions(ConfidentialityOptions options, string expected)
    {
        // Arrange
        var row = ConfidentialityProfileTable.Find(DicomTags.StudyDate)!;

        // Act
        var action = row.ActionFor(options);

        // Assert
        Assert.Equal(Enum.Parse<ProfileAction>(expected), action);
    }

    [Fact]
    public void ActionFor_DeviceIdentityWithModifiedDates_PrefersCleanOverKeep()
    {
        // Arrange: Date of Last Calibration is K under Retain Device Identity and C under Modified Dates.
        var row = ConfidentialityProfileTable.Find(DicomTags.DateOfLastCalibration)!;

        // Act
        var both = row.ActionFor(ConfidentialityOptions.RetainDeviceIdentity | ConfidentialityOptions.RetainLongitudinalModifiedDates);
        var deviceOnly = row.ActionFor(ConfidentialityOptions.RetainDeviceIdentity);

        // Assert
        Assert.Equal(ProfileAction.C, both);
        Assert.Equal(ProfileAction.K, deviceOnly);
    }

    [Fact]
    public void SafeTextAttributes_AreFreeTextAttributesTheTableDoesNotList()
    {
        // Act
        var entries = SafeTextAttributes.All.Select(value => new DicomTag(value)).ToList();

        // Assert
        Assert.All(entries, tag => Assert.Null(ConfidentialityProfileTable.Find(tag)));
        Assert.All(entries, tag => Assert.Contains(DicomDictionary.Find(tag)!.VR,
            new[] { DicomVR.LO, DicomVR.SH, DicomVR.UC, DicomVR.UR, DicomVR.LT, DicomVR.ST, DicomVR.UT }));
    }

    [Fact]
    public void SafePrivateAttributes_NamePrivateElementOffsetsInOddGroups()
    {
        // Act
        var entries = SafePrivateAttributes.All;

        // Assert
        Assert.NotEmpty(entries);
        Assert.All(entries, entry => Assert.True(new DicomTag(entry.Group, (ushort)(0x1000 | entry.ElementOffset)).IsPrivate));
    }
}
