using System.Buffers;
using System.IO.Compression;

namespace Hydra.Dicom.IO;

/// <summary>
/// Reads DICOM files (PS3.10 7): the preamble and "DICM" prefix, the File Meta Information group (Explicit VR Little
/// Endian), then the data set in the transfer syntax it names. Files without preamble or meta group are accepted;
/// their encoding is inferred from the first element.
/// </summary>
internal static class DicomFileReader
{
    private const int PreambleLength = 128;
    private const int PrefixEnd = PreambleLength + 4;

    public static DicomFile Read(ReadOnlyMemory<byte> data, DicomReaderOptions options)
    {
        options.Validate();
        var (layout, metaStart) = DetectLayout(data.Span);
        var meta = new DicomDataset();
        var datasetStart = metaStart;
        if (layout != DicomFileLayout.DatasetOnly)
        {
            var parser = MetaParser(meta, options, metaStart);
            parser.SetInputEnd(data.Length);
            parser.Parse(data[metaStart..], stable: true);
            parser.Complete();
            datasetStart = (int)parser.Position;
        }

        var declared = DeclaredSyntax(meta);
        var syntax = declared ?? InferSyntax(data.Span[datasetStart..]);
        var builder = new DicomDatasetBuilder();
        if (syntax.IsDeflated)
        {
            var inflated = StreamParsing.Inflate(data[datasetStart..], options.MaxDatasetLength, datasetStart);
            StreamParsing.ParseMemory(new DicomParser(builder, options, explicitVR: true, bigEndian: false), inflated, 0);
        }
        else
        {
            var parser = new DicomParser(builder, options, syntax.IsExplicitVR, syntax.IsBigEndian, datasetStart);
            StreamParsing.ParseMemory(parser, data[datasetStart..], datasetStart);
        }

        builder.Complete();
        return new DicomFile(builder.Dataset, syntax, meta)
        {
            Preamble = layout == DicomFileLayout.Part10 ? data[..PreambleLength] : ReadOnlyMemory<byte>.Empty,
            Layout = layout,
        };
    }

    public static async Task<DicomFile> ReadAsync(Stream stream, DicomReaderOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var head = new ArrayBufferWriter<byte>(8192);
        await FillAsync(stream, head, PrefixEnd, cancellationToken).ConfigureAwait(false);
        var (layout, metaStart) = DetectLayout(head.WrittenSpan);
        var meta = new DicomDataset();
        var datasetStart = metaStart;
        if (layout != DicomFileLayout.DatasetOnly)
        {
            datasetStart = await ReadMetaAsync(stream, head, meta, metaStart, options, cancellationToken).ConfigureAwait(false);
        }

        await FillAsync(stream, head, datasetStart + 8, cancellationToken).ConfigureAwait(false);
        var syntax = DeclaredSyntax(meta) ?? InferSyntax(head.WrittenSpan[datasetStart..]);
        var builder = new DicomDatasetBuilder();
        var rest = new PrefixedStream(head.WrittenMemory[datasetStart..], stream);
        if (syntax.IsDeflated)
        {
            await using var inflater = new DeflateStream(rest, CompressionMode.Decompress);
            var parser = new DicomParser(builder, options, explicitVR: true, bigEndian: false);
            await StreamParsing.ParseStreamAsync(parser, inflater, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var parser = new DicomParser(builder, options, syntax.IsExplicitVR, syntax.IsBigEndian, datasetStart);
            if (stream.CanSeek)
            {
                parser.SetInputEnd(head.WrittenCount + (stream.Length - stream.Position));
            }

            await StreamParsing.ParseStreamAsync(parser, rest, cancellationToken).ConfigureAwait(false);
        }

        builder.Complete();
        return new DicomFile(builder.Dataset, syntax, meta)
        {
            Preamble = layout == DicomFileLayout.Part10 ? head.WrittenMemory[..PreambleLength].ToArray() : ReadOnlyMemory<byte>.Empty,
            Layout = layout,
        };
    }

    // PS3.10 7.1: "DICM" follows the 128-byte preamble. Some writers drop the preamble (with or without "DICM");
    // a bare meta group starts with group 0002 in little endian.
    private static (DicomFileLayout Layout, int MetaStart) DetectLayout(ReadOnlySpan<byte> head)
    {
        if (head.Length >= PrefixEnd && head.Slice(PreambleLength, 4).SequenceEqual("DICM"u8))
        {
            return (DicomFileLayout.Part10, PrefixEnd);
        }

        if (head.Length >= 4 && head[..4].SequenceEqual("DICM"u8))
        {
            return (DicomFileLayout.MetaWithoutPreamble, 4);
        }

        return head.Length >= 2 && head[0] == 0x02 && head[1] == 0x00
            ? (DicomFileLayout.MetaWithoutPreamble, 0)
            : (DicomFileLayout.DatasetOnly, 0);
    }

    private static DicomParser MetaParser(DicomDataset meta, DicomReaderOptions options, int metaStart) =>
        new(new FileMetaObserver(meta), options, explicitVR: true, bigEndian: false, metaStart, tag => tag.Group != 0x0002);

    private static async Task<int> ReadMetaAsync(Stream stream, ArrayBufferWriter<byte> head, DicomDataset meta, int metaStart,
        DicomReaderOptions options, CancellationToken cancellationToken)
    {
        var parser = MetaParser(meta, options, metaStart);
        var fed = metaStart;
        while (true)
        {
            parser.Parse(head.WrittenMemory[fed..], stable: false);
            fed = head.WrittenCount;
            if (parser.IsStopped)
            {
                return (int)parser.Position;
            }

            if (!await FillAsync(stream, head, fed + 1, cancellationToken).ConfigureAwait(false))
            {
                parser.Complete();
                return (int)parser.Position;
            }
        }
    }

    // Reads until `head` holds at least `length` bytes; false when the stream ends first.
    private static async Task<bool> FillAsync(Stream stream, ArrayBufferWriter<byte> head, int length, CancellationToken cancellationToken)
    {
        while (head.WrittenCount < length)
        {
            var target = head.GetMemory(Math.Max(4096, length - head.WrittenCount));
            var read = await stream.ReadAsync(target, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            head.Advance(read);
        }

        return true;
    }

    private static DicomTransferSyntax? DeclaredSyntax(DicomDataset meta)
    {
        var uid = meta.GetString(new DicomTag(0x0002, 0x0010));
        return string.IsNullOrEmpty(uid) ? null : DicomTransferSyntax.Lookup(uid);
    }

    // Without a declared syntax the first element tells: a VR at bytes 4-5 means explicit VR, and a zero first byte
    // with a non-zero second means the group number is big endian (PS3.5 7.1, A.1-A.3).
    internal static DicomTransferSyntax InferSyntax(ReadOnlySpan<byte> first)
    {
        if (first.Length < 8 || !((DicomVR)((first[4] << 8) | first[5])).IsKnown())
        {
            return DicomTransferSyntax.ImplicitVRLittleEndian;
        }

        return first[0] == 0 && first[1] != 0 ? DicomTransferSyntax.ExplicitVRBigEndian : DicomTransferSyntax.ExplicitVRLittleEndian;
    }
}
