using Hydra.Dicom.Deidentification;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>Whole-day shifts of DA and DT values that keep times, offsets and precision.</summary>
public sealed class DateShifterTests
{
    [Theory]
    [InlineData("20040119", -19, "20031231")]
    [InlineData("20040228", 1, "20040229")]
    [InlineData(@"20040119\20050101", 1, @"20040120\20050102")]
    [InlineData("2004.01.19", 1, "20040120")]
    [InlineData("20040101-20040201", 10, "20040111-20040211")]
    [InlineData("-20040201", 10, "-20040211")]
    public void TryShiftDates_ValidDates_ShiftsEachValue(string input, int days, string expected)
    {
        // Act
        var ok = DateShifter.TryShiftDates(input, days, out var shifted);

        // Assert
        Assert.True(ok);
        Assert.Equal(expected, shifted);
    }

    [Theory]
    [InlineData("20041319")]
    [InlineData("2004011")]
    [InlineData("yesterday")]
    [InlineData("20040101-20040201-20040301")]
    public void TryShiftDates_Malformed_Fails(string input)
    {
        // Act
        var ok = DateShifter.TryShiftDates(input, 5, out _);

        // Assert
        Assert.False(ok);
    }

    [Theory]
    [InlineData("20040119072730", -19, "20031231072730")]
    [InlineData("20040119072730.123456+0100", 1, "20040120072730.123456+0100")]
    [InlineData("20040119072730-0500", 1, "20040120072730-0500")]
    [InlineData("200401", 40, "200402")]
    [InlineData("2004", -1, "2003")]
    public void TryShiftDateTimes_ValidValues_ShiftsTheDateOnly(string input, int days, string expected)
    {
        // Act
        var ok = DateShifter.TryShiftDateTimes(input, days, out var shifted);

        // Assert
        Assert.True(ok);
        Assert.Equal(expected, shifted);
    }

    [Theory]
    [InlineData("04")]
    [InlineData("2004011907:27")]
    [InlineData("20041399")]
    public void TryShiftDateTimes_Malformed_Fails(string input)
    {
        // Act
        var ok = DateShifter.TryShiftDateTimes(input, 5, out _);

        // Assert
        Assert.False(ok);
    }
}
