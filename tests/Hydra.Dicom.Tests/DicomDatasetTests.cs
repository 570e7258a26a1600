using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;
using Hydra.Dicom.Text;

namespace Hydra.Dicom.Tests;

public sealed class DicomDatasetTests
{
    [Fact]
    public void SetString_ThenGetStrings_SplitsOnBackslashAndDropsPadding()
    {
        // Arrange
        var dataset = new DicomDataset();

        // Act
        dataset.SetStrings(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL ");

        // Assert
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], dataset.GetStrings(DicomTags.ImageType));
        Assert.Equal("ORIGINAL\\PRIMARY\\AXIAL", dataset.GetString(DicomTags.ImageType));
        Assert.Equal(3, dataset.Get<DicomValueElement>(DicomTags.ImageType)!.ValueCount);
    }

    [Fact]
    public void GetString_AbsentElement_ReturnsNullAndEmptyArray()
    {
        var dataset = new DicomDataset();

        Assert.Null(dataset.GetString(DicomTags.PatientName));
        Assert.Empty(dataset.GetStrings(DicomTags.PatientName));
        Assert.False(dataset.TryGetNumber<int>(DicomTags.Rows, out _));
    }

    [Fact]
    public void Set_OutOfOrder_EnumeratesInTagOrderAndReplacesSameTag()
    {
        // Arrange
        var dataset = new DicomDataset();

        // Act
        dataset.SetString(DicomTags.PatientID, "B");
        dataset.SetString(DicomTags.Modality, "CT");
        dataset.SetString(DicomTags.PatientName, "A");
        dataset.SetString(DicomTags.PatientID, "C");

        // Assert
        Assert.Equal([DicomTags.Modality, DicomTags.PatientName, DicomTags.PatientID], dataset.Select(e => e.Tag));
        Assert.Equal("C", dataset.GetString(DicomTags.PatientID));
    }

    [Fact]
    public void SetNumbers_BinaryAndTextVRs_ReadBackAsNumbers()
    {
        // Arrange
        var dataset = new DicomDataset();

        // Act
        dataset.SetNumbers<int>(DicomTags.Rows, 512);
        dataset.SetNumbers(DicomTags.PixelSpacing, 0.5, 1.0 / 3);
        dataset.SetNumbers(DicomTags.InstanceNumber, 42);
        dataset.SetNumbers(DicomTags.ImagePositionPatient, -120.25, 0, 1e-7);

        // Assert
        Assert.Equal(512, dataset.GetNumber<int>(DicomTags.Rows));
        Assert.Equal(DicomVR.US, dataset[DicomTags.Rows]!.VR);
        Assert.Equal([0.5, 0.33333333333333], dataset.GetNumbers<double>(DicomTags.PixelSpacing));
        Assert.All(dataset.GetStrings(DicomTags.PixelSpacing), v => Assert.True(v.Length <= 16));
        Assert.Equal(42L, dataset.GetNumber<long>(DicomTags.InstanceNumber));
        Assert.Equal([-120.25, 0, 1e-7], dataset.GetNumbers<double>(DicomTags.ImagePositionPatient));
    }

    [Fact]
    public void SetNumbers_ValueOutsideVR_ThrowsOverflow()
    {
        var dataset = new DicomDataset();

        Assert.Throws<OverflowException>(() => dataset.SetNumbers(DicomTags.Rows, 70000));
    }

    [Fact]
    public void GetNumber_TextElement_ThrowsDicomException()
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.PatientName, "Doe^John");

        var error = Assert.Throws<DicomException>(() => dataset.GetNumber<int>(DicomTags.PatientName));

        Assert.DoesNotContain("Doe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetDateAndTime_ThenGet_RoundTrips()
    {
        // Arrange
        var dataset = new DicomDataset();

        // Act
        dataset.SetDate(DicomTags.StudyDate, new DateOnly(2024, 2, 29));
        dataset.SetTime(DicomTags.StudyTime, new TimeOnly(13, 5, 7, 250));
        dataset.SetDateTime(DicomTags.AcquisitionDateTime, new DateTime(2024, 2, 29, 13, 5, 7), TimeSpan.FromHours(-5));

        // Assert
        Assert.Equal("20240229", dataset.GetString(DicomTags.StudyDate));
        Assert.Equal("130507.250000", dataset.GetString(DicomTags.StudyTime));
        Assert.Equal("20240229130507-0500", dataset.GetString(DicomTags.AcquisitionDateTime));
        Assert.Equal(new DateOnly(2024, 2, 29), dataset.GetDate(DicomTags.StudyDate));
        Assert.Equal(new TimeOnly(13, 5, 7, 250), dataset.GetTime(DicomTags.StudyTime));
        Assert.Equal(new DateTime(2024, 2, 29, 13, 5, 7), dataset.GetDateTime(DicomTags.AcquisitionDateTime));
    }

    [Fact]
    public void SetTags_ThenGetTag_KeepsGroupAndElement()
    {
        var dataset = new DicomDataset();

        dataset.SetTags(DicomTags.OffendingElement, DicomTags.PatientName, DicomTags.PixelData);

        var element = dataset.Get<DicomValueElement>(DicomTags.OffendingElement)!;
        Assert.Equal(2, element.ValueCount);
        Assert.Equal(DicomTags.PatientName, element.GetTag(0));
        Assert.Equal(DicomTags.PixelData, element.GetTag(1));
    }

    [Fact]
    public void SetString_CharacterOutsideRepertoire_SwitchesDataSetToUtf8()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        dataset.SetString(DicomTags.InstitutionName, "Hôpital");

        // Act
        dataset.SetString(DicomTags.PatientName, "山田^太郎");
        var reread = DicomDatasetReader.Read(DicomDatasetWriter.Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian),
            DicomTransferSyntax.ExplicitVRLittleEndian);

        // Assert
        Assert.Equal("ISO_IR 192", reread.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal("山田^太郎", reread.GetString(DicomTags.PatientName));
        Assert.Equal("Hôpital", reread.GetString(DicomTags.InstitutionName));
        Assert.Equal("Hôpital"u8.ToArray(), reread.GetBytes(DicomTags.InstitutionName).ToArray()[..8]);
    }

    [Fact]
    public void SetString_NonAsciiInDefaultRepertoireVR_ThrowsArgumentException()
    {
        var dataset = new DicomDataset();

        Assert.Throws<ArgumentException>(() => dataset.SetString(DicomTags.Modality, "ÇT"));
    }

    [Fact]
    public void SetString_InReadItem_UsesTheRepertoireInheritedFromTheParent()
    {
        // Arrange
        var root = new DicomDataset();
        root.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        root.SetSequence(DicomTags.ReferencedStudySequence, new DicomDataset());
        var syntax = DicomTransferSyntax.ExplicitVRLittleEndian;
        var item = DicomDatasetReader.Read(DicomDatasetWriter.Encode(root, syntax), syntax).GetSequence(DicomTags.ReferencedStudySequence)!.Items[0];

        // Act
        item.SetString(DicomTags.PatientName, "Müller");

        // Assert
        Assert.Same(DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100"), item.CharacterSet);
        Assert.Equal([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72], item.GetBytes(DicomTags.PatientName).ToArray());
        Assert.False(item.Contains(DicomTags.SpecificCharacterSet));
    }

    [Fact]
    public void Clone_ThenChangeNestedItem_LeavesTheOriginalAlone()
    {
        // Arrange
        var item = new DicomDataset();
        item.SetString(DicomTags.ReferencedSOPInstanceUID, "1.2.3");
        var original = new DicomDataset();
        original.SetSequence(DicomTags.ReferencedImageSequence, item);

        // Act
        var copy = original.Clone();
        copy.GetSequence(DicomTags.ReferencedImageSequence)!.Items[0].SetString(DicomTags.ReferencedSOPInstanceUID, "1.2.4");
        copy.GetSequence(DicomTags.ReferencedImageSequence)!.Items.Add(new DicomDataset());

        // Assert
        Assert.Equal("1.2.3", original.GetSequence(DicomTags.ReferencedImageSequence)!.Items[0].GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Single(original.GetSequence(DicomTags.ReferencedImageSequence)!.Items);
    }

    [Fact]
    public void RemoveAndRemoveAll_TakeMatchingElementsAway()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.PatientName, "A");
        dataset.SetString(DicomTags.PatientID, "1");
        var creator = dataset.GetOrAddPrivateTag(0x0009, "ACME", 0x01);
        dataset.SetString(creator, DicomVR.LO, "secret");

        // Act
        var removed = dataset.Remove(DicomTags.PatientID);
        var privateCount = dataset.RemoveAll(e => e.Tag.IsPrivate);

        // Assert
        Assert.True(removed);
        Assert.False(dataset.Remove(DicomTags.PatientID));
        Assert.Equal(2, privateCount);
        Assert.Equal([DicomTags.PatientName], dataset.Select(e => e.Tag));
    }

    [Fact]
    public void GetOrAddPrivateTag_TwoCreators_ReserveSuccessiveBlocks()
    {
        // Arrange
        var dataset = new DicomDataset();

        // Act
        var first = dataset.GetOrAddPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10);
        var second = dataset.GetOrAddPrivateTag(0x0029, "ACME 1.0", 0x02);
        var again = dataset.GetOrAddPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x20);
        dataset.SetBytes(second, DicomVR.OB, new byte[] { 1, 2 });

        // Assert
        Assert.Equal(new DicomTag(0x0029, 0x1010), first);
        Assert.Equal(new DicomTag(0x0029, 0x1102), second);
        Assert.Equal(new DicomTag(0x0029, 0x1020), again);
        Assert.Equal("ACME 1.0", dataset.GetPrivateCreator(second));
        Assert.Equal(second, dataset.FindPrivateTag(0x0029, "ACME 1.0", 0x02));
        Assert.Null(dataset.FindPrivateTag(0x0029, "OTHER", 0x02));
        Assert.Throws<ArgumentException>(() => dataset.GetOrAddPrivateTag(0x0010, "ACME", 1));
    }

    [Fact]
    public void SetEmpty_ExistingAndAbsentElements_BecomeZeroLength()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.PatientName, "Doe^John");

        // Act
        dataset.SetEmpty(DicomTags.PatientName);
        dataset.SetEmpty(DicomTags.ReferencedStudySequence);

        // Assert
        Assert.True(dataset.Get<DicomValueElement>(DicomTags.PatientName)!.IsEmpty);
        Assert.Empty(dataset.GetSequence(DicomTags.ReferencedStudySequence)!.Items);
    }

    [Fact]
    public void SetString_TagWithoutSingleDictionaryVR_AsksForTheVR()
    {
        var dataset = new DicomDataset();

        Assert.Throws<ArgumentException>(() => dataset.SetString(new DicomTag(0x0009, 0x1001), "x"));
        Assert.Throws<ArgumentException>(() => dataset.SetNumbers(DicomTags.SmallestImagePixelValue, 1));
    }
}
