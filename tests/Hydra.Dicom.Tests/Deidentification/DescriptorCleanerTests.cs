using Hydra.Dicom.Deidentification;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>The clean action for free text: vocabulary words and measurements stay, everything else goes.</summary>
public sealed class DescriptorCleanerTests
{
    [Theory]
    [InlineData("CT HEAD W/O CONTRAST", "CT HEAD W O CONTRAST")]
    [InlineData("MR Brain T1 axial post", "MR Brain T1 axial post")]
    [InlineData("Chest 2.5mm lung kernel", "Chest 2.5mm lung kernel")]
    [InlineData("CT abdomen for John Smith 12.03.1961", "CT abdomen for")]
    [InlineData("Dr. Meier, St. Mary's Hospital, ext 4471", "")]
    [InlineData("PATIENT 123456 KNEE LEFT", "KNEE LEFT")]
    [InlineData("birthday 12/03 knee", "knee")]
    [InlineData("5000MM", "")]
    public void Clean_Text_KeepsOnlyVocabularyAndMeasurements(string input, string expected)
    {
        // Act
        var cleaned = DescriptorCleaner.Clean(input, multiValued: false);

        // Assert
        Assert.Equal(expected, cleaned);
    }

    [Fact]
    public void Clean_MultiValued_CleansEachValue()
    {
        // Act
        var cleaned = DescriptorCleaner.Clean(@"AXIAL Smith\CORONAL", multiValued: true);

        // Assert
        Assert.Equal(@"AXIAL\CORONAL", cleaned);
    }

    [Fact]
    public void Clean_NothingSafe_ReturnsEmpty()
    {
        // Act
        var cleaned = DescriptorCleaner.Clean(@"Smith\Jones", multiValued: true);

        // Assert
        Assert.Equal(string.Empty, cleaned);
    }
}
