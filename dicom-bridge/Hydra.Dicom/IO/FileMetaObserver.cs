using System.Globalization;

namespace Hydra.Dicom.IO;

/// <summary>
/// Builds the File Meta Information group and checks, as each element arrives, that Transfer Syntax UID (0002,0010)
/// holds text: the reader decodes it to choose the data set's encoding, and a hostile file may give it any VR.
/// </summary>
internal sealed class FileMetaObserver(DicomDataset meta) : IDicomReaderObserver
{
    private static readonly DicomTag TransferSyntaxUid = new(0x0002, 0x0010);

    private readonly DicomDatasetBuilder _builder = new(meta);

    public void OnElement(in DicomElementHeader header, ReadOnlyMemory<byte> value)
    {
        if (header.Tag == TransferSyntaxUid && !header.VR.IsText())
        {
            throw NotText(header);
        }

        _builder.OnElement(header, value);
    }

    public void OnBeginSequence(in DicomElementHeader header)
    {
        if (header.Tag == TransferSyntaxUid)
        {
            throw NotText(header);
        }

        _builder.OnBeginSequence(header);
    }

    public void OnBeginItem(long offset, bool undefinedLength) => _builder.OnBeginItem(offset, undefinedLength);

    public void OnEndItem() => _builder.OnEndItem();

    public void OnEndSequence() => _builder.OnEndSequence();

    public void OnBeginFragments(in DicomElementHeader header)
    {
        if (header.Tag == TransferSyntaxUid)
        {
            throw NotText(header);
        }

        _builder.OnBeginFragments(header);
    }

    public void OnFragment(long offset, ReadOnlyMemory<byte> fragment) => _builder.OnFragment(offset, fragment);

    public void OnEndFragments() => _builder.OnEndFragments();

    private static DicomFormatException NotText(in DicomElementHeader header) =>
        new(DicomFormatReason.UnexpectedVR, header.Offset, header.Tag,
            string.Create(CultureInfo.InvariantCulture, $"VR {header.VR.Code()} holds no text; PS3.10 7.1 requires UI for the transfer syntax UID"));
}
