using Hydra.Dicom.Deidentification;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>Configuration checks: refused at construction, naming the setting.</summary>
public sealed class DeidentificationOptionsTests
{
    [Fact]
    public void Constructor_ShortSecret_Throws()
    {
        // Arrange
        var options = new DeidentificationOptions { BridgeSecret = new byte[31] };

        // Act
        var error = Assert.Throws<ArgumentException>(() => new DicomDeidentifier(options));

        // Assert
        Assert.Equal("BridgeSecret", error.ParamName);
    }

    [Theory]
    [InlineData("hyd-")]
    [InlineData("PSEUDONYM-PREFIX-TOO-LONG")]
    [InlineData("A^B")]
    public void Constructor_BadPseudonymPrefix_Throws(string prefix)
    {
        // Arrange
        var options = new DeidentificationOptions { BridgeSecret = TestSecrets.Secret, PseudonymPrefix = prefix };

        // Act
        var error = Assert.Throws<ArgumentException>(() => new DicomDeidentifier(options));

        // Assert
        Assert.Equal("PseudonymPrefix", error.ParamName);
    }

    [Fact]
    public void Validate_FullAndModifiedDates_Throws()
    {
        // Arrange
        var profile = new DeidentificationProfile
        {
            Options = ConfidentialityOptions.RetainLongitudinalFullDates | ConfidentialityOptions.RetainLongitudinalModifiedDates,
        };

        // Act
        var error = Assert.Throws<ArgumentException>(profile.Validate);

        // Assert
        Assert.Equal("Options", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void Validate_DateShiftOutOfRange_Throws(int days)
    {
        // Arrange
        var profile = new DeidentificationProfile { MaxDateShiftDays = days };

        // Act
        var error = Assert.Throws<ArgumentException>(profile.Validate);

        // Assert
        Assert.Equal("MaxDateShiftDays", error.ParamName);
    }

    [Fact]
    public void Default_Profile_IsBasicWithModifiedDatesAndFullBurnedInQuarantine()
    {
        // Act
        var profile = DeidentificationProfile.Default;

        // Assert
        Assert.Equal(ConfidentialityOptions.RetainLongitudinalModifiedDates, profile.Options);
        Assert.Equal(BurnedInAnnotationPolicy.QuarantineUnlessMarkedNo, profile.BurnedInAnnotation);
        Assert.Equal(365, profile.MaxDateShiftDays);
    }
}
