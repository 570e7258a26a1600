using Hydra.Dicom.IO;

namespace Hydra.Dicom;

/// <summary>
/// A DICOM file (PS3.10 7): File Meta Information and a data set in a transfer syntax. Reading accepts files
/// without preamble or meta group; writing always produces a complete PS3.10 file.
/// </summary>
public sealed class DicomFile
{
    /// <summary>Creates a file for <paramref name="dataset"/>, by default in Explicit VR Little Endian.</summary>
    public DicomFile(DicomDataset dataset, DicomTransferSyntax? transferSyntax = null, DicomDataset? fileMetaInformation = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Dataset = dataset;
        TransferSyntax = transferSyntax ?? DicomTransferSyntax.ExplicitVRLittleEndian;
        FileMetaInformation = fileMetaInformation ?? new DicomDataset();
    }

    /// <summary>The File Meta Information group (0002,xxxx) as read; completed and updated when written.</summary>
    public DicomDataset FileMetaInformation { get; }

    /// <summary>The data set.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax of the data set: as read (declared, or inferred), and the one to write.</summary>
    public DicomTransferSyntax TransferSyntax { get; set; }

    /// <summary>The 128-byte preamble as read (empty when absent); written as given, or as zeros when empty.</summary>
    public ReadOnlyMemory<byte> Preamble { get; set; }

    /// <summary>How the file read was laid out; <see cref="DicomFileLayout.Part10"/> for new files.</summary>
    public DicomFileLayout Layout { get; init; }

    /// <summary>
    /// Reads the file at <paramref name="path"/> into memory; values are slices of that one buffer. Files over 2 GB
    /// do not fit one buffer: read them with <see cref="ReadAsync(Stream, DicomReaderOptions?, CancellationToken)"/>.
    /// </summary>
    public static DicomFile Open(string path, DicomReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Read(File.ReadAllBytes(path), options);
    }

    /// <summary>Reads a file held in memory; values are slices of <paramref name="data"/>, not copies.</summary>
    public static DicomFile Read(ReadOnlyMemory<byte> data, DicomReaderOptions? options = null) =>
        DicomFileReader.Read(data, options ?? DicomReaderOptions.Default);

    /// <summary>Reads a file from <paramref name="stream"/> to its end, with the default limits.</summary>
    public static Task<DicomFile> ReadAsync(Stream stream, CancellationToken cancellationToken) => ReadAsync(stream, null, cancellationToken);

    /// <summary>Reads a file from <paramref name="stream"/> to its end; each value is read once into its own array.</summary>
    public static Task<DicomFile> ReadAsync(Stream stream, DicomReaderOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return DicomFileReader.ReadAsync(stream, options ?? DicomReaderOptions.Default, cancellationToken);
    }

    /// <summary>Writes the file to <paramref name="path"/>, replacing any file there.</summary>
    public void Save(string path, DicomWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
        WriteTo(stream, options);
    }

    /// <summary>Writes the file to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream, DicomWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        DicomFileWriter.Write(this, stream, options ?? DicomWriterOptions.Default);
    }

    /// <summary>Writes the file to <paramref name="stream"/> asynchronously, with the default options.</summary>
    public Task WriteAsync(Stream stream, CancellationToken cancellationToken) => WriteAsync(stream, null, cancellationToken);

    /// <summary>Writes the file to <paramref name="stream"/> asynchronously.</summary>
    public Task WriteAsync(Stream stream, DicomWriterOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return DicomFileWriter.WriteAsync(this, stream, options ?? DicomWriterOptions.Default, cancellationToken);
    }

    /// <summary>
    /// The preamble, "DICM" and the File Meta Information group alone, exactly as <see cref="WriteTo"/> starts the
    /// file: for appending a data set already encoded in <see cref="TransferSyntax"/> (one received over DIMSE)
    /// without parsing it. The meta group is completed as on write, from <see cref="Dataset"/> and the syntax.
    /// </summary>
    public byte[] EncodeHeader(DicomWriterOptions? options = null)
    {
        using var head = DicomFileWriter.EncodeHead(this, options ?? DicomWriterOptions.Default);
        using var stream = new MemoryStream();
        head.CopyTo(stream);
        return stream.ToArray();
    }

    /// <summary>The encoded file as one array.</summary>
    public byte[] ToArray(DicomWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        WriteTo(stream, options);
        return stream.ToArray();
    }
}
