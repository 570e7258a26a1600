using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;
using Hydra.Dicom.Tests.Support;

namespace Hydra.Dicom.Tests.IO;

/// <summary>VRs the encoding leaves open: implicit VR from the dictionary, "US or SS", UN, and syntaxes that lie.</summary>
public sealed class ImplicitAndUnknownVRTests
{
    private static readonly DicomTransferSyntax Implicit = DicomTransferSyntax.ImplicitVRLittleEndian;
    private static readonly DicomTransferSyntax Explicit = DicomTransferSyntax.ExplicitVRLittleEndian;

    [Theory]
    [InlineData(1, DicomVR.SS, -1)]
    [InlineData(0, DicomVR.US, 65535)]
    public void Read_ImplicitUsOrSs_FollowsPixelRepresentation(ushort pixelRepresentation, DicomVR expectedVR, int expectedValue)
    {
        // Arrange: PS3.3 C.7.6.3.1.4: Pixel Representation 1 means two's complement.
        var bytes = Encoded.Concat(
            Encoded.Implicit(DicomTags.PixelRepresentation, [(byte)pixelRepresentation, 0]),
            Encoded.Implicit(DicomTags.SmallestImagePixelValue, [0xFF, 0xFF]));

        // Act
        var dataset = DicomDatasetReader.Read(bytes, Implicit);

        // Assert
        Assert.Equal(expectedVR, dataset[DicomTags.SmallestImagePixelValue]!.VR);
        Assert.Equal(expectedValue, dataset.GetNumber<int>(DicomTags.SmallestImagePixelValue));
    }

    [Fact]
    public void Read_ImplicitUsOrSsInAnItem_UsesTheEnclosingPixelRepresentation()
    {
        var item = Encoded.Concat(Encoded.ItemHeader(DicomTag.Item, 10), Encoded.Implicit(DicomTags.LargestImagePixelValue, [0x00, 0x80]));
        var bytes = Encoded.Concat(
            Encoded.Implicit(DicomTags.PixelRepresentation, [1, 0]),
            Encoded.Implicit(DicomTags.SharedFunctionalGroupsSequence, item));

        var dataset = DicomDatasetReader.Read(bytes, Implicit);

        var inner = dataset.GetSequence(DicomTags.SharedFunctionalGroupsSequence)!.Items[0];
        Assert.Equal(DicomVR.SS, inner[DicomTags.LargestImagePixelValue]!.VR);
        Assert.Equal(short.MinValue, inner.GetNumber<int>(DicomTags.LargestImagePixelValue));
    }

    [Fact]
    public void Read_ImplicitPixelData_IsOWAndEncapsulatedIsOB()
    {
        var native = DicomDatasetReader.Read(Encoded.Implicit(DicomTags.PixelData, [1, 2]), Implicit);
        var encapsulated = DicomDatasetReader.Read(
            Encoded.Concat(Encoded.Implicit(DicomTags.PixelData, [], 0xFFFFFFFF), Encoded.ItemHeader(DicomTag.Item, 0), Encoded.SequenceEnd()), Implicit);

        Assert.Equal(DicomVR.OW, native[DicomTags.PixelData]!.VR);
        Assert.Equal(DicomVR.OB, encapsulated[DicomTags.PixelData]!.VR);
        Assert.IsType<DicomFragmentSequence>(encapsulated[DicomTags.PixelData]);
    }

    [Fact]
    public void Read_ImplicitPrivateCreatorAndData_AreLOAndUN()
    {
        var bytes = Encoded.Concat(
            Encoded.Implicit(new DicomTag(0x0009, 0x0010), "ACME"u8.ToArray()),
            Encoded.Implicit(new DicomTag(0x0009, 0x1001), [1, 2]));

        var dataset = DicomDatasetReader.Read(bytes, Implicit);

        Assert.Equal(DicomVR.LO, dataset[new DicomTag(0x0009, 0x0010)]!.VR);
        Assert.Equal(DicomVR.UN, dataset[new DicomTag(0x0009, 0x1001)]!.VR);
        Assert.Equal("ACME", dataset.GetPrivateCreator(new DicomTag(0x0009, 0x1001)));
    }

    [Theory]
    [InlineData(true, DicomVR.PN)]
    [InlineData(false, DicomVR.UN)]
    public void Read_ExplicitUNOfAKnownTag_TakesTheDictionaryVRWhenAsked(bool resolve, DicomVR expected)
    {
        var bytes = Encoded.Explicit(DicomTags.PatientName, "UN", "Doe^John");

        var dataset = DicomDatasetReader.Read(bytes, Explicit, new DicomReaderOptions { ResolveUnknownVR = resolve });

        Assert.Equal(expected, dataset[DicomTags.PatientName]!.VR);
    }

    [Fact]
    public void Read_ExplicitUNOfAKnownSequence_ParsesItsImplicitLittleEndianContent()
    {
        // Arrange: PS3.5 6.2.2: a UN value is Implicit VR Little Endian whatever the transfer syntax.
        var item = Encoded.Concat(Encoded.ItemHeader(DicomTag.Item, 16), Encoded.Implicit(DicomTags.ReferencedSOPInstanceUID, "1.2.3.4."u8.ToArray()));
        var bytes = Encoded.Explicit(DicomTags.ReferencedImageSequence, "UN", item);

        // Act
        var dataset = DicomDatasetReader.Read(bytes, Explicit);

        // Assert
        var sequence = dataset.GetSequence(DicomTags.ReferencedImageSequence)!;
        Assert.False(sequence.HasUndefinedLength);
        Assert.Equal("1.2.3.4.", sequence.Items[0].GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal(DicomVR.UI, sequence.Items[0][DicomTags.ReferencedSOPInstanceUID]!.VR);
    }

    [Fact]
    public void Read_UNOfUndefinedLength_IsASequenceOfImplicitItems()
    {
        var item = Encoded.Concat(Encoded.Item(), Encoded.Implicit(new DicomTag(0x0011, 0x1002), [7, 0]), Encoded.ItemEnd());
        var bytes = Encoded.Concat(Encoded.Explicit(new DicomTag(0x0011, 0x1001), "UN", [], 0xFFFFFFFF), item, Encoded.SequenceEnd());

        var dataset = DicomDatasetReader.Read(bytes, Explicit);

        var sequence = dataset.GetSequence(new DicomTag(0x0011, 0x1001))!;
        Assert.Equal(DicomVR.SQ, sequence.VR);
        Assert.Equal([7, 0], sequence.Items[0].GetBytes(new DicomTag(0x0011, 0x1002)).ToArray());
    }

    [Fact]
    public void Read_DeclaredExplicitButEncodedImplicit_IsReadAsImplicit()
    {
        var bytes = Encoded.Concat(Encoded.Implicit(DicomTags.Modality, "CT"u8.ToArray()), Encoded.Implicit(DicomTags.PatientID, "12"u8.ToArray()));

        var dataset = DicomDatasetReader.Read(bytes, Explicit);

        Assert.Equal("CT", dataset.GetString(DicomTags.Modality));
        Assert.Equal("12", dataset.GetString(DicomTags.PatientID));
    }

    [Fact]
    public void Read_DeclaredImplicitButEncodedExplicit_IsReadAsExplicit()
    {
        var bytes = Encoded.Concat(Encoded.Explicit(DicomTags.Modality, "CS", "CT"), Encoded.Explicit(DicomTags.Rows, "US", [0, 2]));

        var dataset = DicomDatasetReader.Read(bytes, Implicit);

        Assert.Equal("CT", dataset.GetString(DicomTags.Modality));
        Assert.Equal(512, dataset.GetNumber<int>(DicomTags.Rows));
    }

    [Fact]
    public void Open_FileWithoutMeta_InfersTheSyntaxFromTheFirstElement()
    {
        var bigEndian = DicomFile.Open(Pydicom.CorpusPath("test_files/ExplVR_BigEndNoMeta.dcm"));
        var implicitVR = DicomFile.Open(Pydicom.CorpusPath("test_files/rtstruct.dcm"));

        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian, bigEndian.TransferSyntax);
        Assert.Equal(DicomFileLayout.DatasetOnly, bigEndian.Layout);
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, implicitVR.TransferSyntax);
        Assert.Equal("20150529", bigEndian.Dataset.GetString(DicomTags.InstanceCreationDate));
    }
}
