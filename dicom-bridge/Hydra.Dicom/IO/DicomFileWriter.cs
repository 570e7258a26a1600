using System.IO.Compression;
using System.Text;
using Hydra.Dicom.Text;

namespace Hydra.Dicom.IO;

/// <summary>
/// Writes PS3.10 files: preamble, "DICM", the File Meta Information group in Explicit VR Little Endian with its
/// group length, then the data set (deflated for Deflated Explicit VR Little Endian).
/// </summary>
internal static class DicomFileWriter
{
    private static readonly DicomTag GroupLength = new(0x0002, 0x0000);
    private static readonly DicomTag Version = new(0x0002, 0x0001);
    private static readonly DicomTag MediaStorageSopClass = new(0x0002, 0x0002);
    private static readonly DicomTag MediaStorageSopInstance = new(0x0002, 0x0003);
    private static readonly DicomTag TransferSyntaxUid = new(0x0002, 0x0010);
    private static readonly DicomTag ImplementationClassUid = new(0x0002, 0x0012);
    private static readonly DicomTag ImplementationVersionName = new(0x0002, 0x0013);
    private static readonly DicomTag SopClassUid = new(0x0008, 0x0016);
    private static readonly DicomTag SopInstanceUid = new(0x0008, 0x0018);

    public static void Write(DicomFile file, Stream stream, DicomWriterOptions options)
    {
        using var head = EncodeHead(file, options);
        head.CopyTo(stream);
        if (file.TransferSyntax.IsDeflated)
        {
            using var body = DicomDatasetWriter.EncodeSegments(file.Dataset, file.TransferSyntax, options);
            using var deflater = new DeflateStream(stream, options.DeflateLevel, leaveOpen: true);
            body.CopyTo(deflater);
            return;
        }

        using var dataset = DicomDatasetWriter.EncodeSegments(file.Dataset, file.TransferSyntax, options);
        dataset.CopyTo(stream);
    }

    public static async Task WriteAsync(DicomFile file, Stream stream, DicomWriterOptions options, CancellationToken cancellationToken)
    {
        using var head = EncodeHead(file, options);
        await head.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        using var body = DicomDatasetWriter.EncodeSegments(file.Dataset, file.TransferSyntax, options);
        if (file.TransferSyntax.IsDeflated)
        {
            await using var deflater = new DeflateStream(stream, options.DeflateLevel, leaveOpen: true);
            await body.CopyToAsync(deflater, cancellationToken).ConfigureAwait(false);
            return;
        }

        await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The meta group to write: the file's own, completed with what PS3.10 7.1 requires, its transfer syntax made
    /// current and its Media Storage SOP Class and Instance UIDs made equal to the data set's (PS3.10 7.1 Table 7.1-1).
    /// </summary>
    internal static DicomDataset PrepareMeta(DicomFile file)
    {
        var meta = file.FileMetaInformation.Clone();
        if (!meta.Contains(GroupLength))
        {
            meta.Set(new DicomValueElement(GroupLength, DicomVR.UL, new byte[4]));
        }

        if (!meta.Contains(Version))
        {
            meta.Set(new DicomValueElement(Version, DicomVR.OB, new byte[] { 0x00, 0x01 }));
        }

        CopyUid(file.Dataset, SopClassUid, meta, MediaStorageSopClass);
        CopyUid(file.Dataset, SopInstanceUid, meta, MediaStorageSopInstance);
        if (!string.Equals(meta.GetString(TransferSyntaxUid), file.TransferSyntax.Uid, StringComparison.Ordinal))
        {
            meta.SetString(TransferSyntaxUid, DicomVR.UI, file.TransferSyntax.Uid);
        }

        if (!meta.Contains(ImplementationClassUid))
        {
            meta.SetString(ImplementationClassUid, DicomVR.UI, DicomLibraryInfo.ImplementationClassUid);
            meta.SetString(ImplementationVersionName, DicomVR.SH, DicomLibraryInfo.ImplementationVersionName);
        }

        return meta;
    }

    internal static SegmentedOutput EncodeHead(DicomFile file, DicomWriterOptions options)
    {
        var meta = PrepareMeta(file);
        var output = new SegmentedOutput();
        try
        {
            var preamble = output.Take(128);
            if (file.Preamble.Length == 128)
            {
                file.Preamble.Span.CopyTo(preamble);
            }
            else
            {
                preamble.Clear();
            }

            Encoding.ASCII.GetBytes("DICM", output.Take(4));
            new DicomWriter(output, explicitVR: true, bigEndian: false, options).WriteDataset(meta, DicomCharacterSet.Default);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private static void CopyUid(DicomDataset dataset, DicomTag from, DicomDataset meta, DicomTag to)
    {
        if (dataset.Get<DicomValueElement>(from) is { VR: DicomVR.UI } source
            && !string.Equals(source.GetString(), meta.GetString(to), StringComparison.Ordinal))
        {
            meta.Set(new DicomValueElement(to, DicomVR.UI, source.Value));
        }
    }
}
