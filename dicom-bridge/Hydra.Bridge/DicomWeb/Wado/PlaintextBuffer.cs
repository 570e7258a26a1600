using System.Buffers;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>
/// One decrypted instance held in a pooled array while the one before it is sent; cleared before the array goes back
/// to the pool, since it held an image.
/// </summary>
internal sealed class PlaintextBuffer : Stream
{
    private byte[] _buffer;
    private int _length;

    public PlaintextBuffer(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 4096));
    }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_length + buffer.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(_length + buffer.Length, _buffer.Length * 2)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            Return(_buffer, _length);
            _buffer = larger;
        }

        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            Return(_buffer, _length);
            _buffer = [];
            _length = 0;
        }

        base.Dispose(disposing);
    }

    private static void Return(byte[] array, int used)
    {
        array.AsSpan(0, used).Clear();
        ArrayPool<byte>.Shared.Return(array);
    }
}
