using Hydra.Dicom.Redaction.Devices;

namespace Hydra.Dicom.Redaction.Tests;

public sealed class PixelCleaningOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => new PixelCleaningOptions().Validate();

    [Theory]
    [InlineData(nameof(PixelCleaningOptions.MinimumContrast))]
    [InlineData(nameof(PixelCleaningOptions.MinimumTransitions))]
    [InlineData(nameof(PixelCleaningOptions.MinimumBusyRows))]
    [InlineData(nameof(PixelCleaningOptions.MaxCandidateFraction))]
    [InlineData(nameof(PixelCleaningOptions.MinimumConfidence))]
    [InlineData(nameof(PixelCleaningOptions.MinimumCharacters))]
    [InlineData(nameof(PixelCleaningOptions.MarginPixels))]
    [InlineData(nameof(PixelCleaningOptions.MarginFraction))]
    [InlineData(nameof(PixelCleaningOptions.MaxTextFraction))]
    public void OutOfRangeSetting_ThrowsNamingIt(string setting)
    {
        var options = new PixelCleaningOptions();
        var property = typeof(PixelCleaningOptions).GetProperty(setting)!;
        property.SetValue(options, Convert.ChangeType(-1, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(setting, error.ParamName);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceRuleWithoutRegions_ThrowsNamingIt()
    {
        var options = new PixelCleaningOptions { DeviceRegions = { new DeviceRegionRule { Manufacturer = "ACME" } } };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("DeviceRegions[0]", error.Message, StringComparison.Ordinal);
    }
}
