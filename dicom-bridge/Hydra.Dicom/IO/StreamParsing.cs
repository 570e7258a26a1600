using System.Buffers;
using System.IO.Compression;

namespace Hydra.Dicom.IO;

/// <summary>Drives a <see cref="DicomParser"/> from memory or a stream, and inflates deflated data sets (PS3.5 A.5).</summary>
internal static class StreamParsing
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Parses all of <paramref name="data"/> (which starts at input offset <paramref name="start"/>) as stable memory.</summary>
    public static void ParseMemory(DicomParser parser, ReadOnlyMemory<byte> data, long start)
    {
        parser.SetInputEnd(start + data.Length);
        parser.Parse(data, stable: true);
        parser.Complete();
    }

    /// <summary>Parses <paramref name="stream"/> to its end, reading large values straight into their own buffers.</summary>
    public static async Task ParseStreamAsync(DicomParser parser, Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                if (parser.TryGetValueDestination(ChunkSize, out var destination))
                {
                    var direct = await stream.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
                    if (direct == 0)
                    {
                        break;
                    }

                    parser.AdvanceValue(direct);
                    continue;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                parser.Parse(buffer.AsMemory(0, read), stable: false);
            }
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException(DicomFormatReason.InvalidDeflate, parser.Position, null, "the deflated data set is not valid raw deflate", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        parser.Complete();
    }

    /// <summary>Inflates raw deflate (RFC 1951) into one array, refusing to grow past <paramref name="maxLength"/>.</summary>
    public static byte[] Inflate(ReadOnlyMemory<byte> deflated, long maxLength, long offset)
    {
        using var source = new PrefixedStream(deflated, Stream.Null);
        using var inflater = new DeflateStream(source, CompressionMode.Decompress);
        using var output = new MemoryStream(Math.Max(ChunkSize, deflated.Length * 4));
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = inflater.Read(buffer, 0, ChunkSize)) > 0)
            {
                if (output.Length + read > maxLength)
                {
                    throw new DicomFormatException(DicomFormatReason.DatasetTooLong, offset, null,
                        $"the inflated data set exceeds the limit of {maxLength} bytes");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException(DicomFormatReason.InvalidDeflate, offset, null, "the deflated data set is not valid raw deflate", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return output.ToArray();
    }
}
