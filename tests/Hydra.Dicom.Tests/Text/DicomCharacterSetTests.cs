using System.Text;
using Hydra.Dicom.Text;

namespace Hydra.Dicom.Tests.Text;

public sealed class DicomCharacterSetTests
{
    // Person names from the examples of PS3.5 Annexes H-K and the character set test files of pydicom.
    public static TheoryData<string, string, byte[]> CodeExtensionExamples => new()
    {
        { "ISO 2022 IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ", [0x1b, 0x29, 0x49, 0xd4, 0xcf, 0xc0, 0xde, 0x5e, 0x1b, 0x29, 0x49, 0xc0, 0xdb, 0xb3] },
        { "ISO 2022 IR 100", "Buc^Jérôme", [0x1b, 0x2d, 0x41, 0x42, 0x75, 0x63, 0x5e, 0x1b, 0x2d, 0x41, 0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65] },
        { "ISO 2022 IR 101", "Wałęsa", [0x1b, 0x2d, 0x42, 0x57, 0x61, 0xb3, 0xea, 0x73, 0x61] },
        { "ISO 2022 IR 109", "antaŭnomo", [0x1b, 0x2d, 0x43, 0x61, 0x6e, 0x74, 0x61, 0xfd, 0x6e, 0x6f, 0x6d, 0x6f] },
        { "ISO 2022 IR 110", "vārds", [0x1b, 0x2d, 0x44, 0x76, 0xe0, 0x72, 0x64, 0x73] },
        { "ISO 2022 IR 127", "قباني^لنزار", [0x1b, 0x2d, 0x47, 0xe2, 0xc8, 0xc7, 0xe6, 0xea, 0x5e, 0x1b, 0x2d, 0x47, 0xe4, 0xe6, 0xd2, 0xc7, 0xd1] },
        { "ISO 2022 IR 126", "Διονυσιος", [0x1b, 0x2d, 0x46, 0xc4, 0xe9, 0xef, 0xed, 0xf5, 0xf3, 0xe9, 0xef, 0xf2] },
        { "ISO 2022 IR 138", "שרון^דבורה", [0x1b, 0x2d, 0x48, 0xf9, 0xf8, 0xe5, 0xef, 0x5e, 0x1b, 0x2d, 0x48, 0xe3, 0xe1, 0xe5, 0xf8, 0xe4] },
        { "ISO 2022 IR 144", "Люкceмбypг", [0x1b, 0x2d, 0x4c, 0xbb, 0xee, 0xda, 0x63, 0x65, 0xdc, 0xd1, 0x79, 0x70, 0xd3] },
        { "ISO 2022 IR 148", "Çavuşoğlu", [0x1b, 0x2d, 0x4d, 0xc7, 0x61, 0x76, 0x75, 0xfe, 0x6f, 0xf0, 0x6c, 0x75] },
        { "ISO 2022 IR 166", "นามสกุล", [0x1b, 0x2d, 0x54, 0xb9, 0xd2, 0xc1, 0xca, 0xa1, 0xd8, 0xc5] },
        {
            "\\ISO 2022 IR 87\\ISO 2022 IR 159", "Mori^Ogai=森^鷗外=もり^おうがい",
            Encoding.Latin1.GetBytes("Mori^Ogai=\u001b$B?9\u001b(B^\u001b$(Dl?\u001b$B30\u001b(B=\u001b$B$b$j\u001b(B^\u001b$B$*$&$,$$\u001b(B")
        },
        {
            "ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159", "あaｱア齩",
            [0x1b, 0x24, 0x42, 0x24, 0x22, 0x1b, 0x28, 0x4a, 0x61, 0x1b, 0x29, 0x49, 0xb1, 0x1b, 0x24, 0x42, 0x25, 0x22, 0x1b, 0x24, 0x28, 0x44, 0x6d, 0x4e, 0x1b, 0x28, 0x4a]
        },
        { "\\ISO 2022 IR 58", "Zhang^XiaoDong=张^小东=", [.. "Zhang^XiaoDong="u8, 0x1b, 0x24, 0x29, 0x41, 0xd5, 0xc5, 0x5e, 0xd0, 0xa1, 0xb6, 0xab, 0x3d] },
        { "\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞", [.. "Hong^Gildong="u8, 0x1b, 0x24, 0x29, 0x43, 0xfb, 0xf3, 0x5e, 0x1b, 0x24, 0x29, 0x43, 0xd1, 0xce, 0xd4, 0xd7] },
    };

    [Theory]
    [MemberData(nameof(CodeExtensionExamples))]
    public void Decode_CodeExtensionExample_GivesTheStandardsText(string specificCharacterSet, string expected, byte[] encoded)
    {
        // Arrange
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);

        // Act
        var text = characterSet.Decode(encoded, DicomVR.PN);

        // Assert
        Assert.Equal(expected, text);
        Assert.True(characterSet.IsRecognised);
    }

    [Theory]
    [InlineData("ISO_IR 100", "Äneas^Rüdiger", new byte[] { 0xc4, 0x6e, 0x65, 0x61, 0x73, 0x5e, 0x52, 0xfc, 0x64, 0x69, 0x67, 0x65, 0x72 })]
    [InlineData("ISO_IR 192", "王^小東", new byte[] { 0xe7, 0x8e, 0x8b, 0x5e, 0xe5, 0xb0, 0x8f, 0xe6, 0x9d, 0xb1 })]
    [InlineData("GB18030", "王^小东", new byte[] { 0xcd, 0xf5, 0x5e, 0xd0, 0xa1, 0xb6, 0xab })]
    [InlineData("ISO_IR_100", "é", new byte[] { 0xe9 })]
    [InlineData("ISO-IR 144", "Ж", new byte[] { 0xb6 })]
    public void Decode_SingleTermRepertoire_GivesText(string specificCharacterSet, string expected, byte[] encoded)
    {
        // Arrange
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);

        // Act
        var text = characterSet.Decode(encoded, DicomVR.LO);

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Decode_Delimiter_ReturnsToTheInitialSet()
    {
        // Arrange: ESC - L (Cyrillic) is not re-designated after the backslash, so the second value is Latin again.
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO 2022 IR 100\\ISO 2022 IR 144");
        byte[] encoded = [0x1b, 0x2d, 0x4c, 0xb6, 0x5c, 0xe9];

        // Act
        var text = characterSet.Decode(encoded, DicomVR.LO);

        // Assert
        Assert.Equal("Ж\\é", text);
    }

    [Fact]
    public void FromSpecificCharacterSet_UnknownTerm_IsNotRecognisedAndDecodesAsDefault()
    {
        // Act
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 999");

        // Assert
        Assert.False(characterSet.IsRecognised);
        Assert.Equal("é", characterSet.Decode([0xe9], DicomVR.LO));
    }

    [Fact]
    public void FromSpecificCharacterSet_SameValue_ReturnsTheSameInstance()
    {
        Assert.Same(DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100"), DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100 "));
    }

    [Theory]
    [InlineData("", "Smith^John", true)]
    [InlineData("", "Müller", false)]
    [InlineData("ISO_IR 100", "Müller", true)]
    [InlineData("ISO_IR 100", "山田", false)]
    [InlineData("ISO_IR 192", "山田", true)]
    [InlineData("\\ISO 2022 IR 87", "Yamada", true)]
    [InlineData("\\ISO 2022 IR 87", "山田", false)]
    public void TryEncode_Text_FitsOnlyWhenTheRepertoireHoldsIt(string specificCharacterSet, string text, bool fits)
    {
        // Arrange
        var characterSet = DicomCharacterSet.FromSpecificCharacterSet(specificCharacterSet);

        // Act
        var encoded = characterSet.TryEncode(text, out var bytes);

        // Assert
        Assert.Equal(fits, encoded);
        if (fits)
        {
            Assert.Equal(text, characterSet.Decode(bytes!, DicomVR.PN));
        }
    }
}
