using System.Text;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>Private elements: removed by default; the Retain Safe Private Option keeps listed ones with their creators.</summary>
public sealed class PrivateAttributeTests
{
    private static readonly DicomDeidentifier Deidentifier = TestSecrets.Deidentifier();

    [Fact]
    public void Deidentify_DefaultProfile_RemovesEveryPrivateElementAtEveryDepth()
    {
        // Arrange
        var input = WithPrivate();

        // Act
        var result = Deidentifier.Deidentify(input, DeidentificationProfile.Default);

        // Assert
        var dataset = result.File!.Dataset;
        Assert.DoesNotContain(dataset, element => element.Tag.IsPrivate);
        Assert.DoesNotContain(dataset.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items[0], element => element.Tag.IsPrivate);
        Assert.Equal(10, result.Report!.Counts.PrivateRemoved);
    }

    [Fact]
    public void Deidentify_RetainSafePrivate_KeepsTheListedElementAndItsCreatorInTheSameSlot()
    {
        // Arrange
        var input = WithPrivate();

        // Act
        var result = Deidentifier.Deidentify(input, new DeidentificationProfile { Options = ConfidentialityOptions.RetainSafePrivate });

        // Assert
        var dataset = result.File!.Dataset;
        Assert.Equal("GEMS_PARM_01", dataset.GetString(new DicomTag(0x0043, 0x0011)));
        Assert.Equal("1.375", dataset.GetString(new DicomTag(0x0043, 0x1127)));
        Assert.False(dataset.Contains(new DicomTag(0x0043, 0x1128)));
        Assert.False(dataset.Contains(new DicomTag(0x0043, 0x0010)));
        Assert.False(dataset.Contains(new DicomTag(0x0043, 0x1027)));
        Assert.Equal(new DicomTag(0x0043, 0x1127), dataset.FindPrivateTag(0x0043, "GEMS_PARM_01", 0x27));
        var nested = dataset.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items[0];
        Assert.Equal("1.375", nested.GetString(new DicomTag(0x0043, 0x1127)));
    }

    // Block 10 of group 0043 belongs to an unknown creator whose element 27 must go; block 11 is GEMS_PARM_01's.
    private static DicomFile WithPrivate()
    {
        var file = SyntheticImage.Ct("1.2.3.1");
        var item = new DicomDataset();
        item.SetString(DicomTags.SeriesInstanceUID, "1.2.3.4");
        foreach (var dataset in new[] { file.Dataset, item })
        {
            dataset.Set(Text(new DicomTag(0x0043, 0x0010), DicomVR.LO, "SOMEONE ELSE"));
            dataset.Set(Text(new DicomTag(0x0043, 0x1027), DicomVR.SH, "Smith"));
            dataset.Set(Text(new DicomTag(0x0043, 0x0011), DicomVR.LO, "GEMS_PARM_01"));
            dataset.Set(Text(new DicomTag(0x0043, 0x1127), DicomVR.DS, "1.375"));
            dataset.Set(Text(new DicomTag(0x0043, 0x1128), DicomVR.LO, "Smith"));
        }

        file.Dataset.SetSequence(DicomTags.ReferencedSeriesSequence, item);
        return file;
    }

    private static DicomValueElement Text(DicomTag tag, DicomVR vr, string value) => new(tag, vr, Encoding.ASCII.GetBytes(value));
}
