using System.IO.Compression;

namespace Hydra.Dicom.IO;

/// <summary>
/// Reads a data set without file meta group, in a known transfer syntax: what DIMSE receives (PS3.7, PS3.8) and
/// what follows the meta group in a file. From memory, values are slices of the input (no copy); from a stream,
/// each value is read once into its own array.
/// </summary>
public static class DicomDatasetReader
{
    /// <summary>Reads the data set that fills <paramref name="data"/>. The returned values share its memory.</summary>
    public static DicomDataset Read(ReadOnlyMemory<byte> data, DicomTransferSyntax syntax, DicomReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        options ??= DicomReaderOptions.Default;
        options.Validate();
        if (syntax.IsDeflated)
        {
            data = StreamParsing.Inflate(data, options.MaxDatasetLength, 0);
        }

        var builder = new DicomDatasetBuilder();
        StreamParsing.ParseMemory(new DicomParser(builder, options, syntax.IsExplicitVR, syntax.IsBigEndian), data, 0);
        builder.Complete();
        return builder.Dataset;
    }

    /// <summary>Reads a DIMSE command set, which is always Implicit VR Little Endian (PS3.7 6.3.1).</summary>
    public static DicomDataset ReadCommand(ReadOnlyMemory<byte> data, DicomReaderOptions? options = null) =>
        Read(data, DicomTransferSyntax.ImplicitVRLittleEndian, options);

    /// <summary>Reads a data set from <paramref name="stream"/> to its end.</summary>
    public static async Task<DicomDataset> ReadAsync(Stream stream, DicomTransferSyntax syntax, DicomReaderOptions? options,
        CancellationToken cancellationToken)
    {
        var builder = new DicomDatasetBuilder();
        await ReadAsync(stream, syntax, builder, options, cancellationToken).ConfigureAwait(false);
        builder.Complete();
        return builder.Dataset;
    }

    /// <summary>
    /// Parses a data set from <paramref name="stream"/> to its end, reporting it to <paramref name="observer"/>
    /// element by element instead of building it (e.g. to stream it to disk).
    /// </summary>
    public static async Task ReadAsync(Stream stream, DicomTransferSyntax syntax, IDicomReaderObserver observer, DicomReaderOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(syntax);
        ArgumentNullException.ThrowIfNull(observer);
        options ??= DicomReaderOptions.Default;
        options.Validate();
        var parser = new DicomParser(observer, options, syntax.IsExplicitVR, syntax.IsBigEndian);
        if (syntax.IsDeflated)
        {
            await using var inflater = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true);
            await StreamParsing.ParseStreamAsync(parser, inflater, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (stream.CanSeek)
            {
                parser.SetInputEnd(stream.Length - stream.Position);
            }

            await StreamParsing.ParseStreamAsync(parser, stream, cancellationToken).ConfigureAwait(false);
        }
    }
}
