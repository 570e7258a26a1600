using System.Text;
using System.Text.Json;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Text;

namespace Hydra.Dicom.Tests.Json;

/// <summary>PS3.18 F.2: keys, text VRs, numbers written as text (IS, DS), person names and empty values.</summary>
public sealed class DicomJsonWriterTextTests
{
    [Fact]
    public void WriteDataset_Elements_KeysAreUpperCaseHexInTagOrderWithVr()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.StudyInstanceUID, "1.2.3");
        dataset.SetString(DicomTags.Modality, "CT");
        dataset.SetNumbers(new DicomTag(0x0009, 0x10AB), DicomVR.UL, new uint[] { 7 });

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        Assert.Equal(["00080060", "000910AB", "0020000D"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("CS", json.Element(DicomTags.Modality).GetProperty("vr").GetString());
        Assert.Equal("UI", json.Element(DicomTags.StudyInstanceUID).GetProperty("vr").GetString());
        Assert.Equal("1.2.3", json.Values(DicomTags.StudyInstanceUID)[0].GetString());
    }

    [Fact]
    public void WriteDataset_MultiValuedText_OneStringPerValueAndNullForAnEmptyOne()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetStrings(DicomTags.ImageType, "ORIGINAL", "", "AXIAL ");
        dataset.SetString(DicomTags.ImageComments, "a\\b stays one LT value");

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        var types = json.Values(DicomTags.ImageType).EnumerateArray().ToList();
        Assert.Equal(3, types.Count);
        Assert.Equal("ORIGINAL", types[0].GetString());
        Assert.Equal(JsonValueKind.Null, types[1].ValueKind);
        Assert.Equal("AXIAL", types[2].GetString());
        Assert.Equal(["a\\b stays one LT value"], json.Values(DicomTags.ImageComments).EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void WriteDataset_EmptyValues_HaveOnlyTheVr()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetEmpty(DicomTags.AccessionNumber);
        dataset.SetString(DicomTags.StudyDescription, "  ");
        dataset.SetEmpty(DicomTags.ReferencedSeriesSequence);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, ReadOnlyMemory<byte>.Empty);

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        foreach (var (tag, vr) in new[] { (DicomTags.AccessionNumber, "SH"), (DicomTags.StudyDescription, "LO"),
                     (DicomTags.ReferencedSeriesSequence, "SQ"), (DicomTags.PixelData, "OW") })
        {
            var element = json.Element(tag);
            Assert.Equal(["vr"], element.EnumerateObject().Select(p => p.Name));
            Assert.Equal(vr, element.GetProperty("vr").GetString());
        }
    }

    [Fact]
    public void WriteDataset_IntegerAndDecimalStrings_AreJsonNumbersExceptWhenNotNumbers()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SeriesNumber, "-12");
        dataset.SetString(DicomTags.PixelSpacing, "0.661468\\+2");
        dataset.SetString(DicomTags.SliceThickness, "1.50000");
        dataset.SetString(DicomTags.PatientWeight, "heavy");

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        Assert.Equal(-12, json.Values(DicomTags.SeriesNumber)[0].GetInt64());
        Assert.Equal([0.661468m, 2m], json.Values(DicomTags.PixelSpacing).EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal("1.50000", json.Values(DicomTags.SliceThickness)[0].GetRawText());
        Assert.Equal(JsonValueKind.String, json.Values(DicomTags.PatientWeight)[0].ValueKind);
        Assert.Equal("heavy", json.Values(DicomTags.PatientWeight)[0].GetString());
    }

    [Fact]
    public void WriteDataset_PersonName_ComponentGroupsBecomeAlphabeticIdeographicPhonetic()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.PatientName, "Yamada^Tarou=山田^太郎=やまだ^たろう");
        dataset.SetString(DicomTags.ReferringPhysicianName, "Smith^John\\=Ideo^Only");

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        var name = json.Values(DicomTags.PatientName)[0];
        Assert.Equal("Yamada^Tarou", name.GetProperty("Alphabetic").GetString());
        Assert.Equal("山田^太郎", name.GetProperty("Ideographic").GetString());
        Assert.Equal("やまだ^たろう", name.GetProperty("Phonetic").GetString());
        var physicians = json.Values(DicomTags.ReferringPhysicianName);
        Assert.Equal(["Alphabetic"], physicians[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["Ideographic"], physicians[1].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void WriteDataset_Latin1Dataset_DecodesTextAndDeclaresUtf8()
    {
        // Arrange: bytes as an ISO_IR 100 file holds them, not as .NET strings.
        var latin1 = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 100");
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        dataset.Set(new DicomValueElement(DicomTags.PatientName, DicomVR.PN, Encoding.Latin1.GetBytes("Müller^Jürgen"), latin1));
        dataset.Set(new DicomValueElement(DicomTags.InstitutionName, DicomVR.LO, Encoding.Latin1.GetBytes("Hôpital "), latin1));

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        Assert.Equal("ISO_IR 192", json.Values(DicomTags.SpecificCharacterSet)[0].GetString());
        Assert.Equal("Müller^Jürgen", json.Values(DicomTags.PatientName)[0].GetProperty("Alphabetic").GetString());
        Assert.Equal("Hôpital", json.Values(DicomTags.InstitutionName)[0].GetString());
    }

    [Fact]
    public void WriteDataset_GroupLength_IsLeftOut()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetNumbers(new DicomTag(0x0008, 0x0000), DicomVR.UL, new uint[] { 10 });
        dataset.SetString(DicomTags.Modality, "MR");

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        Assert.Equal(["00080060"], json.EnumerateObject().Select(p => p.Name));
    }
}
