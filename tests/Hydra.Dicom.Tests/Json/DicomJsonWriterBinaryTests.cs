using System.Text.Json;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Json;

namespace Hydra.Dicom.Tests.Json;

/// <summary>PS3.18 F.2: binary numbers, AT, sequences, InlineBinary and BulkDataURI.</summary>
public sealed class DicomJsonWriterBinaryTests
{
    [Fact]
    public void WriteDataset_BinaryNumberVrs_AreJsonNumbers()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetNumbers(DicomTags.Rows, DicomVR.US, new ushort[] { 512, 65535 });
        dataset.SetNumbers(DicomTags.SmallestImagePixelValue, DicomVR.SS, new short[] { -2000 });
        dataset.SetNumbers(DicomTags.SimpleFrameList, DicomVR.UL, new uint[] { uint.MaxValue });
        dataset.SetNumbers(DicomTags.ReferencePixelX0, DicomVR.SL, new[] { int.MinValue });
        dataset.SetNumbers(DicomTags.RecommendedDisplayFrameRateInFloat, DicomVR.FL, new[] { -77.2040634f });
        dataset.SetNumbers(DicomTags.TotalProcessingTime, DicomVR.FD, new[] { 862399761.111079 });
        dataset.SetNumbers(new DicomTag(0x0009, 0x1001), DicomVR.SV, new[] { long.MinValue });
        dataset.SetNumbers(new DicomTag(0x0009, 0x1002), DicomVR.UV, new[] { ulong.MaxValue });

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        Assert.Equal([512, 65535], json.Values(DicomTags.Rows).EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(-2000, json.Values(DicomTags.SmallestImagePixelValue)[0].GetInt32());
        Assert.Equal(uint.MaxValue, json.Values(DicomTags.SimpleFrameList)[0].GetUInt32());
        Assert.Equal(int.MinValue, json.Values(DicomTags.ReferencePixelX0)[0].GetInt32());
        Assert.Equal(-77.2040634f, json.Values(DicomTags.RecommendedDisplayFrameRateInFloat)[0].GetSingle());
        Assert.Equal(862399761.111079, json.Values(DicomTags.TotalProcessingTime)[0].GetDouble());
        Assert.Equal(long.MinValue, json.Values(new DicomTag(0x0009, 0x1001))[0].GetInt64());
        Assert.Equal(ulong.MaxValue, json.Values(new DicomTag(0x0009, 0x1002))[0].GetUInt64());
    }

    [Fact]
    public void WriteDataset_NotANumberFloat_IsANamedLiteralString()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetNumbers(DicomTags.TotalProcessingTime, DicomVR.FD, new[] { double.NaN, double.NegativeInfinity });

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        Assert.Equal(["NaN", "-Infinity"], json.Values(DicomTags.TotalProcessingTime).EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void WriteDataset_AttributeTag_IsEightHexDigitStrings()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetTags(DicomTags.FrameIncrementPointer, DicomTags.PatientName, DicomTags.PixelData);

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        Assert.Equal(["00100010", "7FE00010"], json.Values(DicomTags.FrameIncrementPointer).EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void WriteDataset_Sequence_IsAnArrayOfNestedObjects()
    {
        // Arrange
        var first = new DicomDataset();
        first.SetString(DicomTags.ReferencedSOPInstanceUID, "1.2.3.1");
        var second = new DicomDataset();
        second.SetString(DicomTags.ReferencedSOPInstanceUID, "1.2.3.2");
        var dataset = new DicomDataset();
        dataset.SetSequence(DicomTags.ReferencedImageSequence, first, second);

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        var items = json.Values(DicomTags.ReferencedImageSequence);
        Assert.Equal("SQ", json.Element(DicomTags.ReferencedImageSequence).GetProperty("vr").GetString());
        Assert.Equal(["1.2.3.1", "1.2.3.2"], items.EnumerateArray().Select(i => i.Values(DicomTags.ReferencedSOPInstanceUID)[0].GetString()));
    }

    [Theory]
    [InlineData(DicomVR.OB)]
    [InlineData(DicomVR.OW)]
    [InlineData(DicomVR.OF)]
    [InlineData(DicomVR.OD)]
    [InlineData(DicomVR.OL)]
    [InlineData(DicomVR.OV)]
    [InlineData(DicomVR.UN)]
    public void WriteDataset_BinaryVrWithoutCallback_IsInlineBase64(DicomVR vr)
    {
        // Arrange
        byte[] bytes = [1, 2, 3, 4, 5, 6, 7, 8, 0xFF, 0xFE, 0x00, 0x80, 9, 10, 11, 12];
        var dataset = new DicomDataset();
        dataset.SetBytes(new DicomTag(0x0009, 0x1010), vr, bytes);

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        var element = json.Element(new DicomTag(0x0009, 0x1010));
        Assert.Equal(vr.Code(), element.GetProperty("vr").GetString());
        Assert.Equal(bytes, element.GetProperty("InlineBinary").GetBytesFromBase64());
        Assert.False(element.TryGetProperty("Value", out _));
    }

    [Fact]
    public void WriteDataset_BulkDataCallback_TopLevelByUriNestedAndSmallAndDeclinedInline()
    {
        // Arrange
        var nested = new DicomDataset();
        nested.SetBytes(DicomTags.PixelData, DicomVR.OB, new byte[64]);
        var dataset = new DicomDataset();
        dataset.SetSequence(DicomTags.IconImageSequence, nested);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[64]);
        dataset.SetBytes(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0, 1 });
        dataset.SetBytes(DicomTags.RedPaletteColorLookupTableData, DicomVR.OW, new byte[64]);
        var asked = new List<DicomTag>();
        var options = new DicomJsonOptions(tag =>
        {
            asked.Add(tag);
            return tag == DicomTags.PixelData ? "https://bridge/bulk/7FE00010" : null;
        }, InlineBinaryMaxBytes: 2);

        // Act
        var json = DicomJson.Write(dataset, options);

        // Assert
        Assert.Equal("https://bridge/bulk/7FE00010", json.Element(DicomTags.PixelData).GetProperty("BulkDataURI").GetString());
        Assert.Equal([0, 1], json.Element(DicomTags.FileMetaInformationVersion).GetProperty("InlineBinary").GetBytesFromBase64());
        Assert.Equal(64, json.Element(DicomTags.RedPaletteColorLookupTableData).GetProperty("InlineBinary").GetBytesFromBase64().Length);
        var icon = json.Values(DicomTags.IconImageSequence)[0].Element(DicomTags.PixelData);
        Assert.Equal(64, icon.GetProperty("InlineBinary").GetBytesFromBase64().Length);
        Assert.Equal([DicomTags.RedPaletteColorLookupTableData, DicomTags.PixelData], asked);
    }

    [Fact]
    public void WriteDataset_EncapsulatedPixelData_ByUriOrWithoutValue()
    {
        // Arrange
        var dataset = new DicomDataset(new DicomFragmentSequence(DicomTags.PixelData, ReadOnlyMemory<byte>.Empty, new byte[] { 0xFF, 0xD8 }));

        // Act
        var byUri = DicomJson.Write(dataset, new DicomJsonOptions(_ => "https://bridge/frames"));
        var inline = DicomJson.Write(dataset);

        // Assert
        Assert.Equal("https://bridge/frames", byUri.Element(DicomTags.PixelData).GetProperty("BulkDataURI").GetString());
        Assert.Equal(["vr"], inline.Element(DicomTags.PixelData).EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, inline.Element(DicomTags.PixelData).GetProperty("vr").ValueKind);
    }
}
