using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;

namespace Hydra.Dicom.Network.Services;

/// <summary>
/// One incoming C-STORE: who sent it, what it is, and its data set as it arrives, in <see cref="TransferSyntax"/>
/// without file meta group. Read it once, in one of three ways: parsed (<see cref="ReadDatasetAsync"/>), raw
/// (<see cref="DatasetStream"/>, <see cref="CopyDatasetToAsync"/>), or as a Part 10 file (<see cref="WritePart10Async"/>).
/// </summary>
public sealed class DicomStoreRequest
{
    private readonly DicomReaderOptions _readerOptions;

    internal DicomStoreRequest(DicomAssociationContext association, ushort messageId, ushort priority, string sopClassUid,
        string sopInstanceUid, DicomTransferSyntax transferSyntax, Stream datasetStream, DicomReaderOptions readerOptions)
    {
        Association = association;
        MessageId = messageId;
        Priority = priority;
        SopClassUid = sopClassUid;
        SopInstanceUid = sopInstanceUid;
        TransferSyntax = transferSyntax;
        DatasetStream = datasetStream;
        _readerOptions = readerOptions;
    }

    public DicomAssociationContext Association { get; }

    public ushort MessageId { get; }

    /// <summary>Priority (0000,0700): 0 medium, 1 high, 2 low.</summary>
    public ushort Priority { get; }

    /// <summary>Affected SOP Class UID (0000,0002) of the command.</summary>
    public string SopClassUid { get; }

    /// <summary>Affected SOP Instance UID (0000,1000) of the command.</summary>
    public string SopInstanceUid { get; }

    /// <summary>The transfer syntax of the presentation context: the data set's encoding.</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>Move Originator AE title (0000,1030) when the store is a C-MOVE sub-operation.</summary>
    public string? MoveOriginatorAeTitle { get; init; }

    /// <summary>Move Originator Message ID (0000,1031) when the store is a C-MOVE sub-operation.</summary>
    public ushort? MoveOriginatorMessageId { get; init; }

    /// <summary>
    /// The encoded data set as it arrives; ends after the last fragment. Valid only until the handler's
    /// <c>StoreAsync</c> completes: its memory is pooled and reused for the next instance.
    /// </summary>
    public Stream DatasetStream { get; }

    /// <summary>Parses the data set as it arrives (with the server's reader limits).</summary>
    public Task<DicomDataset> ReadDatasetAsync(CancellationToken cancellationToken) =>
        DicomDatasetReader.ReadAsync(DatasetStream, TransferSyntax, _readerOptions, cancellationToken);

    /// <summary>Copies the encoded data set, unparsed, to <paramref name="destination"/>.</summary>
    public Task CopyDatasetToAsync(Stream destination, CancellationToken cancellationToken) =>
        DatasetStream.CopyToAsync(destination, 81920, cancellationToken);

    /// <summary>
    /// Writes a PS3.10 file: preamble, File Meta Information (from <see cref="CreateFileMetaInformation"/>), then the
    /// data set exactly as received, unparsed.
    /// </summary>
    public async Task WritePart10Async(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var header = new DicomFile(new DicomDataset(), TransferSyntax, CreateFileMetaInformation()).EncodeHeader();
        await destination.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await CopyDatasetToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a PS3.10 file at <paramref name="path"/> (replacing any file there), like <see cref="WritePart10Async"/>;
    /// a data set that arrived whole in memory goes out with one gathered write, the fastest way to store to disk.
    /// </summary>
    public Task WritePart10FileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        cancellationToken.ThrowIfCancellationRequested();
        if (DatasetStream is MemoryStream memory && memory.TryGetBuffer(out var buffered) && memory.Position == 0)
        {
            var header = new DicomFile(new DicomDataset(), TransferSyntax, CreateFileMetaInformation()).EncodeHeader();
            WriteGathered(path, header, buffered);
            memory.Position = buffered.Count;
            return Task.CompletedTask;
        }

        return WriteStreamedFileAsync(path, cancellationToken);
    }

    /// <summary>
    /// The File Meta Information for this instance (PS3.10 7.1): Media Storage SOP Class and Instance from the
    /// command, the transfer syntax, this implementation, and Source AE Title (0002,0016) = the calling AE.
    /// </summary>
    public DicomDataset CreateFileMetaInformation()
    {
        var meta = new DicomDataset();
        meta.SetString(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, SopClassUid);
        meta.SetString(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, SopInstanceUid);
        meta.SetString(DicomTags.TransferSyntaxUID, DicomVR.UI, TransferSyntax.Uid);
        meta.SetString(DicomTags.ImplementationClassUID, DicomVR.UI, DicomLibraryInfo.ImplementationClassUid);
        meta.SetString(DicomTags.ImplementationVersionName, DicomVR.SH, DicomLibraryInfo.ImplementationVersionName);
        meta.SetString(DicomTags.SourceApplicationEntityTitle, DicomVR.AE, Association.CallingAeTitle);
        return meta;
    }

    // A write to the page cache, done in place as storescp does, rather than queued to another thread.
    private static void WriteGathered(string path, byte[] header, ArraySegment<byte> dataset)
    {
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
        RandomAccess.Write(handle, [header, dataset.AsMemory()], 0);
    }

    private async Task WriteStreamedFileAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        await using (file.ConfigureAwait(false))
        {
            await WritePart10Async(file, cancellationToken).ConfigureAwait(false);
        }
    }
}
