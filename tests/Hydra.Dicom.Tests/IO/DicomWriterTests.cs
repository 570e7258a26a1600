using System.Text;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;
using Hydra.Dicom.Tests.Support;
using Hydra.Dicom.Text;

namespace Hydra.Dicom.Tests.IO;

public sealed class DicomWriterTests
{
    private static readonly DicomTransferSyntax Explicit = DicomTransferSyntax.ExplicitVRLittleEndian;
    private static readonly DicomTransferSyntax Implicit = DicomTransferSyntax.ImplicitVRLittleEndian;

    [Fact]
    public void Encode_CEchoCommandSet_GivesTheImplicitLittleEndianBytesOfPS37()
    {
        // Arrange: a C-ECHO-RQ (PS3.7 9.3.5); the command group length is computed by the writer.
        var command = new DicomDataset();
        command.SetNumbers<uint>(DicomTags.CommandGroupLength, 0);
        command.SetString(DicomTags.AffectedSOPClassUID, "1.2.840.10008.1.1");
        command.SetNumbers<ushort>(DicomTags.CommandField, 0x0030);
        command.SetNumbers<ushort>(DicomTags.MessageID, 1);
        command.SetNumbers<ushort>(DicomTags.CommandDataSetType, 0x0101);
        var expected = Encoded.Concat(
            Encoded.Implicit(DicomTags.CommandGroupLength, [56, 0, 0, 0]),
            Encoded.Implicit(DicomTags.AffectedSOPClassUID, [.. "1.2.840.10008.1.1"u8, 0]),
            Encoded.Implicit(DicomTags.CommandField, [0x30, 0]),
            Encoded.Implicit(DicomTags.MessageID, [1, 0]),
            Encoded.Implicit(DicomTags.CommandDataSetType, [1, 1]));

        // Act
        var bytes = DicomDatasetWriter.Encode(command, Implicit, new DicomWriterOptions { GroupLengths = DicomGroupLengths.Remove });
        var decoded = DicomDatasetReader.Read(bytes, Implicit);

        // Assert
        Assert.Equal(expected, bytes);
        Assert.Equal(0x0030, decoded.GetNumber<ushort>(DicomTags.CommandField));
        Assert.Equal(DicomVR.US, decoded[DicomTags.CommandField]!.VR);
        Assert.Equal("1.2.840.10008.1.1", decoded.GetString(DicomTags.AffectedSOPClassUID));
    }

    [Fact]
    public void EncodeCommand_WithoutGroupLength_AddsItAndReadCommandDecodes()
    {
        // Arrange
        var command = new DicomDataset();
        command.SetString(DicomTags.AffectedSOPClassUID, "1.2.840.10008.1.1");
        command.SetNumbers<ushort>(DicomTags.CommandField, 0x8030);
        command.SetNumbers<ushort>(DicomTags.MessageIDBeingRespondedTo, 7);
        command.SetNumbers<ushort>(DicomTags.CommandDataSetType, 0x0101);
        command.SetNumbers<ushort>(DicomTags.Status, 0);

        // Act
        var decoded = DicomDatasetReader.ReadCommand(DicomDatasetWriter.EncodeCommand(command));

        // Assert
        Assert.Equal(66u, decoded.GetNumber<uint>(DicomTags.CommandGroupLength));
        Assert.Equal(0x8030, decoded.GetNumber<int>(DicomTags.CommandField));
        Assert.False(command.Contains(DicomTags.CommandGroupLength));
        Assert.Throws<ArgumentException>(() => DicomDatasetWriter.EncodeCommand(new DicomDataset(decoded.Append(new DicomValueElement(DicomTags.PatientID, DicomVR.LO, "1"u8.ToArray())))));
    }

    [Theory]
    [InlineData("UI", new byte[] { 0x31, 0x2e, 0x32, 0x2e, 0x33, 0x00 })]
    [InlineData("LO", new byte[] { 0x31, 0x2e, 0x32, 0x2e, 0x33, 0x20 })]
    [InlineData("OB", new byte[] { 0x31, 0x2e, 0x32, 0x2e, 0x33, 0x00 })]
    public void Encode_OddLengthValue_PadsPerVR(string vr, byte[] expectedValue)
    {
        // Arrange: PS3.5 7.1.1 pads to even length with NUL (UI, binary) or space (text).
        var code = (DicomVR)((vr[0] << 8) | vr[1]);
        var dataset = new DicomDataset(new DicomValueElement(new DicomTag(0x0009, 0x1001), code, "1.2.3"u8.ToArray()));

        // Act
        var bytes = DicomDatasetWriter.Encode(dataset, Explicit);

        // Assert
        Assert.Equal(Encoded.Explicit(new DicomTag(0x0009, 0x1001), vr, expectedValue), bytes);
    }

    [Fact]
    public void Encode_GroupLengths_AreRecomputedOrRemoved()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetNumbers<uint>(new DicomTag(0x0010, 0x0000), 999);
        dataset.SetString(DicomTags.PatientName, "Doe^John");
        dataset.SetString(DicomTags.PatientID, "12345");

        // Act
        var recalculated = DicomDatasetReader.Read(DicomDatasetWriter.Encode(dataset, Explicit), Explicit);
        var removed = DicomDatasetReader.Read(DicomDatasetWriter.Encode(dataset, Explicit, new DicomWriterOptions { GroupLengths = DicomGroupLengths.Remove }), Explicit);

        // Assert: (8 + 8) + (8 + 6) bytes follow the group length.
        Assert.Equal(30u, recalculated.GetNumber<uint>(new DicomTag(0x0010, 0x0000)));
        Assert.False(removed.Contains(new DicomTag(0x0010, 0x0000)));
    }

    [Theory]
    [InlineData(DicomLengthEncoding.Defined, false)]
    [InlineData(DicomLengthEncoding.Undefined, true)]
    public void Encode_SequenceLengthChoice_IsHonouredAndReadsBack(DicomLengthEncoding lengths, bool undefined)
    {
        // Arrange
        var inner = new DicomDataset();
        inner.SetString(DicomTags.CodeValue, "121320");
        var item = new DicomDataset();
        item.SetString(DicomTags.ReferencedSOPInstanceUID, "1.2.3.4");
        item.SetSequence(DicomTags.PurposeOfReferenceCodeSequence, inner);
        var dataset = new DicomDataset();
        dataset.SetSequence(DicomTags.SourceImageSequence, item, new DicomDataset());

        // Act
        var bytes = DicomDatasetWriter.Encode(dataset, Explicit, new DicomWriterOptions { SequenceLengths = lengths });
        var reread = DicomDatasetReader.Read(bytes, Explicit);

        // Assert
        var sequence = reread.GetSequence(DicomTags.SourceImageSequence)!;
        Assert.Equal(undefined, sequence.HasUndefinedLength);
        Assert.Equal(2, sequence.Items.Count);
        Assert.Equal("121320", sequence.Items[0].GetSequence(DicomTags.PurposeOfReferenceCodeSequence)!.Items[0].GetString(DicomTags.CodeValue));
        Assert.Equal(bytes, DicomDatasetWriter.Encode(reread, Explicit));
    }

    [Fact]
    public void Encode_BigEndian_SwapsNumbersAndReadsBack()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetNumbers<ushort>(DicomTags.Rows, 0x0102);
        dataset.SetNumbers(DicomTags.RescaleSlope, 1.5);
        dataset.SetNumbers(DicomTags.RealWorldValueSlope, -2.25);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[] { 1, 2, 3, 4 });
        var syntax = DicomTransferSyntax.ExplicitVRBigEndian;

        // Act
        var bytes = DicomDatasetWriter.Encode(dataset, syntax);
        var reread = DicomDatasetReader.Read(bytes, syntax);

        // Assert
        Assert.Equal(Encoding.ASCII.GetBytes("US"), bytes[4..6]);
        Assert.Equal([0x00, 0x28, 0x00, 0x10, (byte)'U', (byte)'S', 0x00, 0x02, 0x01, 0x02], bytes[..10]);
        Assert.Equal(0x0102, reread.GetNumber<int>(DicomTags.Rows));
        Assert.Equal(-2.25, reread.GetNumber<double>(DicomTags.RealWorldValueSlope));
        Assert.Equal([1, 2, 3, 4], reread.GetBytes(DicomTags.PixelData).ToArray());
        Assert.Equal([2, 1, 4, 3], bytes[^4..]);
    }

    [Fact]
    public void Encode_Deflated_IsRawDeflateOfTheExplicitLittleEndianEncoding()
    {
        // Arrange
        var dataset = DicomFile.Open(Pydicom.CorpusPath("test_files/CT_small.dcm")).Dataset;
        var syntax = DicomTransferSyntax.DeflatedExplicitVRLittleEndian;

        // Act
        var deflated = DicomDatasetWriter.Encode(dataset, syntax);
        var reread = DicomDatasetReader.Read(deflated, syntax);

        // Assert
        Assert.True(deflated.Length < DicomDatasetWriter.Encode(dataset, Explicit).Length);
        Assert.Equal(DicomDatasetWriter.Encode(dataset, Explicit), DicomDatasetWriter.Encode(reread, Explicit));
    }

    [Fact]
    public void Encode_EncapsulatedPixelDataInANativeSyntax_Throws()
    {
        var dataset = new DicomDataset(new DicomFragmentSequence(DicomTags.PixelData, ReadOnlyMemory<byte>.Empty, new byte[] { 0xFF, 0xD8 }));

        Assert.Throws<DicomException>(() => DicomDatasetWriter.Encode(dataset, Explicit));
        Assert.NotEmpty(DicomDatasetWriter.Encode(dataset, DicomTransferSyntax.JpegBaseline));
    }

    [Fact]
    public void Encode_NativePixelDataInAnEncapsulatedSyntax_Throws()
    {
        var dataset = new DicomDataset();
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[4]);

        Assert.Throws<DicomException>(() => DicomDatasetWriter.Encode(dataset, DicomTransferSyntax.Jpeg2000Lossless));
    }

    [Fact]
    public void Encode_FileMetaElementInTheDataset_Throws()
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.TransferSyntaxUID, Explicit.Uid);

        Assert.Throws<DicomException>(() => DicomDatasetWriter.Encode(dataset, Explicit));
    }

    [Fact]
    public void Encode_OddFragment_IsPaddedAndTheOffsetTableKept()
    {
        // Arrange
        byte[] offsets = [0, 0, 0, 0];
        var dataset = new DicomDataset(new DicomFragmentSequence(DicomTags.PixelData, offsets, new byte[] { 0xFF, 0xD8, 0xFF }));

        // Act
        var reread = DicomDatasetReader.Read(DicomDatasetWriter.Encode(dataset, DicomTransferSyntax.JpegBaseline), DicomTransferSyntax.JpegBaseline);

        // Assert
        var fragments = reread.Get<DicomFragmentSequence>(DicomTags.PixelData)!;
        Assert.Equal([0u], fragments.GetOffsets());
        Assert.Equal([0xFF, 0xD8, 0xFF, 0x00], fragments.Fragments.Single().ToArray());
        Assert.Equal(DicomVR.OB, fragments.VR);
    }

    [Fact]
    public void Encode_TextLongerThanAShortLength_IsWrittenAsUN()
    {
        // Arrange: PS3.5 6.2.2 lets a value too long for a 16-bit length be encoded with VR UN.
        var dataset = new DicomDataset(new DicomValueElement(DicomTags.InstitutionName, DicomVR.LO, new byte[70_000]));

        // Act
        var bytes = DicomDatasetWriter.Encode(dataset, Explicit);

        // Assert
        Assert.Equal("UN"u8.ToArray(), bytes[4..6]);
        Assert.Equal(70_000, DicomDatasetReader.Read(bytes, Explicit, new DicomReaderOptions { ResolveUnknownVR = false }).GetBytes(DicomTags.InstitutionName).Length);
    }

    [Fact]
    public void Encode_ItemMovedUnderAnotherRepertoire_ReencodesItsText()
    {
        // Arrange: an item read under ISO_IR 100 goes into a UTF-8 data set.
        var latin = new DicomDataset();
        latin.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        var item = new DicomDataset();
        latin.SetSequence(DicomTags.ReferencedPatientSequence, item);
        item.SetString(DicomTags.PatientName, "Müller^Jürgen");
        var target = new DicomDataset();
        target.ConvertToUtf8();
        target.SetSequence(DicomTags.ReferencedPatientSequence, latin.GetSequence(DicomTags.ReferencedPatientSequence)!.Items[0]);

        // Act
        var reread = DicomDatasetReader.Read(DicomDatasetWriter.Encode(target, Explicit), Explicit);

        // Assert
        var name = reread.GetSequence(DicomTags.ReferencedPatientSequence)!.Items[0].Get<DicomValueElement>(DicomTags.PatientName)!;
        Assert.Equal("Müller^Jürgen", name.GetString());
        Assert.Same(DicomCharacterSet.Utf8, name.CharacterSet);
    }

    [Fact]
    public void Encode_TextTheDeclaredRepertoireCannotHold_ThrowsWithoutTheValue()
    {
        // Arrange
        var utf8 = new DicomDataset();
        utf8.SetString(DicomTags.PatientName, "山田^太郎");
        var latin = new DicomDataset();
        latin.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        latin.Set(utf8[DicomTags.PatientName]!);

        // Act
        var error = Assert.Throws<DicomException>(() => DicomDatasetWriter.Encode(latin, Explicit));

        // Assert
        Assert.Contains("(0010,0010) PatientName", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("山田", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToArray_NewFile_HasACompleteMetaGroup()
    {
        // Arrange
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTags.SOPInstanceUID, "2.25.1");

        // Act
        var file = DicomFile.Read(new DicomFile(dataset, Implicit).ToArray());

        // Assert
        var meta = file.FileMetaInformation;
        Assert.Equal(DicomFileLayout.Part10, file.Layout);
        Assert.Equal([0x00, 0x01], meta.GetBytes(DicomTags.FileMetaInformationVersion).ToArray());
        Assert.Equal("1.2.840.10008.5.1.4.1.1.7", meta.GetString(DicomTags.MediaStorageSOPClassUID));
        Assert.Equal("2.25.1", meta.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(Implicit.Uid, meta.GetString(DicomTags.TransferSyntaxUID));
        Assert.Equal(DicomLibraryInfo.ImplementationClassUid, meta.GetString(DicomTags.ImplementationClassUID));
        Assert.Equal(DicomLibraryInfo.ImplementationVersionName, meta.GetString(DicomTags.ImplementationVersionName));
        Assert.Equal(Implicit, file.TransferSyntax);
    }

    [Fact]
    public void Encode_NestingBeyondTheWriterLimit_ThrowsDicomException()
    {
        var root = new DicomDataset();
        var current = root;
        for (var i = 0; i < 200; i++)
        {
            var item = new DicomDataset();
            current.SetSequence(DicomTags.ContentSequence, item);
            current = item;
        }

        Assert.Throws<DicomException>(() => DicomDatasetWriter.Encode(root, Explicit));
    }
}
