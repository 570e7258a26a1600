using System.IO.Compression;
using Hydra.Dicom.Text;

namespace Hydra.Dicom.IO;

/// <summary>
/// Encodes a data set without file meta group in a transfer syntax: what DIMSE sends (command sets in Implicit VR
/// Little Endian, PS3.7 6.3.1; data sets in the negotiated syntax) and what follows the meta group in a file.
/// Large values go to the stream straight from their memory.
/// </summary>
public static class DicomDatasetWriter
{
    private static readonly DicomTag PixelData = new(0x7FE0, 0x0010);
    private static readonly DicomTag CommandGroupLength = new(0x0000, 0x0000);

    /// <summary>The encoded data set as one array.</summary>
    public static byte[] Encode(DicomDataset dataset, DicomTransferSyntax syntax, DicomWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(dataset, stream, syntax, options);
        return stream.ToArray();
    }

    /// <summary>
    /// Encodes a DIMSE command set (PS3.7 6.3.1): Implicit VR Little Endian, group 0000 only, led by the Command Group
    /// Length (0000,0000), which is added when absent and always computed. <paramref name="command"/> is not changed.
    /// </summary>
    public static byte[] EncodeCommand(DicomDataset command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Elements.FirstOrDefault(e => e.Tag.Group != 0x0000) is { } stray)
        {
            throw new ArgumentException($"A command set holds group 0000 only, not {stray.Tag}.", nameof(command));
        }

        var encoded = command;
        if (!command.Contains(CommandGroupLength))
        {
            encoded = new DicomDataset(command.Elements);
            encoded.Set(new DicomValueElement(CommandGroupLength, DicomVR.UL, new byte[4]));
        }

        return Encode(encoded, DicomTransferSyntax.ImplicitVRLittleEndian);
    }

    /// <summary>Writes the encoded data set to <paramref name="stream"/>.</summary>
    public static void Write(DicomDataset dataset, Stream stream, DicomTransferSyntax syntax, DicomWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DicomWriterOptions.Default;
        using var output = EncodeSegments(dataset, syntax, options);
        if (syntax.IsDeflated)
        {
            using var deflater = new DeflateStream(stream, options.DeflateLevel, leaveOpen: true);
            output.CopyTo(deflater);
        }
        else
        {
            output.CopyTo(stream);
        }
    }

    /// <summary>Writes the encoded data set to <paramref name="stream"/> asynchronously.</summary>
    public static async Task WriteAsync(DicomDataset dataset, Stream stream, DicomTransferSyntax syntax, DicomWriterOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DicomWriterOptions.Default;
        using var output = EncodeSegments(dataset, syntax, options);
        if (syntax.IsDeflated)
        {
            await using var deflater = new DeflateStream(stream, options.DeflateLevel, leaveOpen: true);
            await output.CopyToAsync(deflater, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await output.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Encodes into segments (before any deflation); the caller disposes them.</summary>
    internal static SegmentedOutput EncodeSegments(DicomDataset dataset, DicomTransferSyntax syntax, DicomWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(syntax);
        CheckEncodable(dataset, syntax);
        var output = new SegmentedOutput();
        try
        {
            new DicomWriter(output, syntax.IsExplicitVR, syntax.IsBigEndian, options).WriteDataset(dataset, DicomCharacterSet.Default);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    // PS3.10 7.1 keeps group 0002 out of the data set; PS3.5 A.4 ties encapsulated Pixel Data to encapsulated syntaxes.
    private static void CheckEncodable(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        if (dataset.Count > 0 && dataset.Elements[0].Tag.Group == 0x0002)
        {
            throw new DicomException($"The data set holds {dataset.Elements[0].Tag}: File Meta Information belongs in DicomFile.FileMetaInformation.");
        }

        switch (dataset[PixelData])
        {
            case DicomFragmentSequence when !syntax.IsEncapsulated:
                throw new DicomException($"Pixel Data is encapsulated, which {syntax} cannot carry; it would need decompressing.");
            case DicomValueElement when syntax.IsEncapsulated:
                throw new DicomException($"Pixel Data is native, but {syntax} requires it encapsulated.");
        }
    }
}
