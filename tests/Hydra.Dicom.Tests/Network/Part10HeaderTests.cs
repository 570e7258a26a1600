using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;

namespace Hydra.Dicom.Tests.Network;

/// <summary>The codec addition the C-STORE fast path relies on: <see cref="DicomFile.EncodeHeader"/>.</summary>
public sealed class Part10HeaderTests
{
    [Theory]
    [InlineData("1.2.840.10008.1.2.1")]
    [InlineData("1.2.840.10008.1.2.1.99")]
    [InlineData("1.2.840.10008.1.2.4.90")]
    public void EncodeHeader_ThenRawDataset_IsTheFileWriteToWouldWrite(string syntaxUid)
    {
        // Arrange
        var syntax = DicomTransferSyntax.Lookup(syntaxUid);
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTags.SOPInstanceUID, "1.2.3.4.5");
        dataset.SetString(DicomTags.PatientName, "DOE^JOHN");
        var meta = new DicomDataset();
        meta.SetString(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        meta.SetString(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, "1.2.3.4.5");
        var whole = new DicomFile(dataset, syntax, meta).ToArray();

        // Act
        var header = new DicomFile(new DicomDataset(), syntax, meta).EncodeHeader();

        // Assert
        using var encoded = new MemoryStream();
        DicomDatasetWriter.Write(dataset, encoded, syntax);
        Assert.Equal(whole, header.Concat(encoded.ToArray()).ToArray());
        var read = DicomFile.Read(whole);
        Assert.Equal(syntax, read.TransferSyntax);
        Assert.Equal("1.2.3.4.5", read.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
    }
}
