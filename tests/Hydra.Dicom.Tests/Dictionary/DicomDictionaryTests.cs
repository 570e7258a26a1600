using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Dictionary;

public sealed class DicomDictionaryTests
{
    [Fact]
    public void Entries_HoldThePS36TableAndTheCommandGroup()
    {
        Assert.Equal(5129 + 31, DicomDictionary.Entries.Count);
        Assert.Equal(DicomDictionary.Entries.OrderBy(e => e.Tag.Value), DicomDictionary.Entries);
    }

    [Fact]
    public void Find_StandardTag_GivesVRMultiplicityAndKeyword()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0010, 0x0010))!;

        Assert.Equal("PatientName", entry.Keyword);
        Assert.Equal(DicomVR.PN, entry.VR);
        Assert.Equal("1", entry.Multiplicity);
        Assert.False(entry.IsRetired);
        Assert.False(entry.IsPattern);
    }

    [Theory]
    [InlineData(0x6002, 0x3000, "OverlayData")]
    [InlineData(0x601E, 0x0010, "OverlayRows")]
    [InlineData(0x5010, 0x3000, "CurveData")]
    [InlineData(0x0028, 0x0410, "RowsForNthOrderCoefficients")]
    [InlineData(0x1000, 0x0124, "ShiftTableSize")]
    public void Find_RepeatingGroupTag_MatchesItsPattern(int group, int element, string keyword)
    {
        var entry = DicomDictionary.Find(new DicomTag((ushort)group, (ushort)element))!;

        Assert.Equal(keyword, entry.Keyword);
        Assert.True(entry.IsPattern);
    }

    [Theory]
    [InlineData(0x0009, 0x0000, "GroupLength", DicomVR.UL)]
    [InlineData(0x6001, 0x0010, "PrivateCreator", DicomVR.LO)]
    [InlineData(0x0000, 0x0100, "CommandField", DicomVR.US)]
    [InlineData(0x0000, 0x0901, "OffendingElement", DicomVR.AT)]
    [InlineData(0x0002, 0x0010, "TransferSyntaxUID", DicomVR.UI)]
    public void Find_StructuralTags_HaveTheirVR(int group, int element, string keyword, DicomVR vr)
    {
        var entry = DicomDictionary.Find(new DicomTag((ushort)group, (ushort)element))!;

        Assert.Equal(keyword, entry.Keyword);
        Assert.Equal(vr, entry.VR);
    }

    [Fact]
    public void Find_PrivateDataElementOrUnknownTag_IsNullAndDecodesAsUN()
    {
        Assert.Null(DicomDictionary.Find(new DicomTag(0x6001, 0x3000)));
        Assert.Null(DicomDictionary.Find(new DicomTag(0x0009, 0x1010)));
        Assert.Equal(DicomVR.UN, DicomDictionary.GetVR(new DicomTag(0x0008, 0x0001 + 0x7000)));
    }

    [Fact]
    public void Find_AmbiguousEntry_ListsEveryVR()
    {
        var usOrSs = DicomDictionary.Find(DicomTags.SmallestImagePixelValue)!;
        var obOrOw = DicomDictionary.Find(DicomTags.PixelData)!;

        Assert.Equal([DicomVR.US, DicomVR.SS], usOrSs.AllowedVRs);
        Assert.True(usOrSs.HasAmbiguousVR);
        Assert.Equal([DicomVR.OB, DicomVR.OW], obOrOw.AllowedVRs);
    }

    [Fact]
    public void FindByKeyword_EveryKeyword_GivesBackItsEntry()
    {
        foreach (var entry in DicomDictionary.Entries.Where(e => e.Keyword.Length > 0))
        {
            Assert.Same(entry, DicomDictionary.FindByKeyword(entry.Keyword));
        }

        Assert.Null(DicomDictionary.FindByKeyword("NoSuchKeyword"));
    }

    [Fact]
    public void DicomTags_Properties_MatchTheDictionary()
    {
        Assert.Equal(new DicomTag(0x7FE0, 0x0010), DicomTags.PixelData);
        Assert.Equal(new DicomTag(0x6000, 0x3000), DicomTags.OverlayData);
        Assert.Equal("SOPInstanceUID", DicomTags.SOPInstanceUID.Keyword);
        Assert.Equal(new DicomTag(0x0000, 0x1000), DicomTags.AffectedSOPInstanceUID);
    }
}
