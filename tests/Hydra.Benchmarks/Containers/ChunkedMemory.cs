namespace Hydra.Benchmarks.Containers;

/// <summary>
/// Bytes held in 1 MiB chunks (no 1 GiB array): written once during setup, then read back by any number of
/// <see cref="OpenRead"/> streams.
/// </summary>
internal sealed class ChunkedMemory : Stream
{
    private const int ChunkSize = 1 << 20;
    private readonly List<byte[]> _chunks = [];
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var within = (int)(_length % ChunkSize);
            if (within == 0)
            {
                _chunks.Add(new byte[ChunkSize]);
            }

            var count = Math.Min(buffer.Length, ChunkSize - within);
            buffer[..count].CopyTo(_chunks[^1].AsSpan(within));
            _length += count;
            buffer = buffer[count..];
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>A fresh reader over everything written.</summary>
    public Stream OpenRead() => new Reader(this);

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private sealed class Reader(ChunkedMemory memory) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => memory._length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var within = (int)(_position % ChunkSize);
            var count = (int)Math.Min(Math.Min(buffer.Length, ChunkSize - within), memory._length - _position);
            if (count <= 0)
            {
                return 0;
            }

            memory._chunks[(int)(_position / ChunkSize)].AsSpan(within, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
