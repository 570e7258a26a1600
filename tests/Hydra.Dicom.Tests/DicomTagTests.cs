namespace Hydra.Dicom.Tests;

public sealed class DicomTagTests
{
    [Theory]
    [InlineData("(0010,0010)")]
    [InlineData("0010,0010")]
    [InlineData("00100010")]
    [InlineData(" (0010,0010) ")]
    public void Parse_AcceptedForms_GiveTheTag(string text)
    {
        Assert.Equal(new DicomTag(0x0010, 0x0010), DicomTag.Parse(text));
    }

    [Theory]
    [InlineData("(0010,00G0)")]
    [InlineData("0010")]
    [InlineData("")]
    public void TryParse_NotATag_ReturnsFalse(string text)
    {
        Assert.False(DicomTag.TryParse(text, out _));
        Assert.Throws<FormatException>(() => DicomTag.Parse(text));
    }

    [Fact]
    public void ToString_IsUpperCaseHexInParentheses()
    {
        Assert.Equal("(7FE0,0010)", new DicomTag(0x7FE0, 0x0010).ToString());
        Assert.Equal("(7FE0,0010) PixelData", new DicomTag(0x7FE0, 0x0010).ToDisplayString());
    }

    [Theory]
    [InlineData(0x0009, 0x0010, true, true)]
    [InlineData(0x0009, 0x1010, true, false)]
    [InlineData(0x0009, 0x0100, true, false)]
    [InlineData(0x0001, 0x0010, false, false)]
    [InlineData(0x0007, 0x0010, false, false)]
    [InlineData(0xFFFF, 0x0010, false, false)]
    [InlineData(0x0010, 0x0010, false, false)]
    public void IsPrivate_FollowsPS35Section781(int group, int element, bool isPrivate, bool isCreator)
    {
        var tag = new DicomTag((ushort)group, (ushort)element);

        Assert.Equal(isPrivate, tag.IsPrivate);
        Assert.Equal(isCreator, tag.IsPrivateCreator);
    }

    [Fact]
    public void PrivateCreatorTag_PrivateDataElement_IsItsBlocksCreator()
    {
        Assert.Equal(new DicomTag(0x0029, 0x0011), new DicomTag(0x0029, 0x1120).PrivateCreatorTag);
        Assert.Null(new DicomTag(0x0029, 0x0011).PrivateCreatorTag);
        Assert.Null(new DicomTag(0x0010, 0x1120).PrivateCreatorTag);
    }

    [Fact]
    public void CompareTo_OrdersByGroupThenElement()
    {
        var tags = new[] { new DicomTag(0x0010, 0x0020), new DicomTag(0x0008, 0xFFFF), new DicomTag(0x0010, 0x0010) };

        Assert.Equal([new DicomTag(0x0008, 0xFFFF), new DicomTag(0x0010, 0x0010), new DicomTag(0x0010, 0x0020)], tags.Order());
        Assert.True(new DicomTag(0x0008, 0xFFFF) < new DicomTag(0x0009, 0x0000));
        Assert.Equal(0x00100010u, new DicomTag(0x0010, 0x0010).Value);
    }
}
