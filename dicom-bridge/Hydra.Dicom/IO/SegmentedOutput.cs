using System.Buffers;

namespace Hydra.Dicom.IO;

/// <summary>
/// Encoded output as a list of segments: headers and small values are copied into pooled chunks, large values are
/// referenced where they already are, so pixel data goes from the data set to the stream without another copy.
/// </summary>
internal sealed class SegmentedOutput : IDisposable
{
    private const int ChunkSize = 64 * 1024;
    private const int ReferenceThreshold = 8 * 1024;

    private readonly List<ReadOnlyMemory<byte>> _segments = [];
    private readonly List<byte[]> _rented = [];
    private byte[]? _chunk;
    private int _pieceStart;
    private int _used;

    /// <summary>Total bytes written so far.</summary>
    public long Length { get; private set; }

    /// <summary>A span of exactly <paramref name="size"/> bytes (at most 64 KiB) to fill; it counts as written.</summary>
    public Span<byte> Take(int size)
    {
        if (_chunk is null || _chunk.Length - _used < size)
        {
            CloseChunk();
            _chunk = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, size));
            _rented.Add(_chunk);
            _pieceStart = 0;
            _used = 0;
        }

        var span = _chunk.AsSpan(_used, size);
        _used += size;
        Length += size;
        return span;
    }

    /// <summary>Writes <paramref name="value"/>: copied when small, referenced when large (it must not change meanwhile).</summary>
    public void Write(ReadOnlyMemory<byte> value)
    {
        if (value.Length < ReferenceThreshold)
        {
            value.Span.CopyTo(Take(value.Length));
            return;
        }

        ClosePiece();
        _segments.Add(value);
        Length += value.Length;
    }

    public void CopyTo(Stream stream)
    {
        ClosePiece();
        foreach (var segment in _segments)
        {
            stream.Write(segment.Span);
        }
    }

    public async Task CopyToAsync(Stream stream, CancellationToken cancellationToken)
    {
        ClosePiece();
        foreach (var segment in _segments)
        {
            await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }
    }

    public byte[] ToArray()
    {
        ClosePiece();
        var result = new byte[Length];
        var offset = 0;
        foreach (var segment in _segments)
        {
            segment.Span.CopyTo(result.AsSpan(offset));
            offset += segment.Length;
        }

        return result;
    }

    public void Dispose()
    {
        foreach (var chunk in _rented)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _rented.Clear();
        _segments.Clear();
        _chunk = null;
    }

    private void ClosePiece()
    {
        if (_chunk is not null && _used > _pieceStart)
        {
            _segments.Add(_chunk.AsMemory(_pieceStart, _used - _pieceStart));
            _pieceStart = _used;
        }
    }

    private void CloseChunk()
    {
        ClosePiece();
        _chunk = null;
    }
}
