namespace Hydra.Bridge.DicomWeb.Stow;

/// <summary>
/// A read-only, forward-only view of one multipart part that throws <see cref="PartTooLargeException"/> the moment more
/// than <c>limit</c> bytes have come through, so a huge part is refused while it arrives, never buffered. Not
/// seekable on purpose: the DICOM reader then trusts a declared value length only as its bytes arrive.
/// </summary>
internal sealed class CappedStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private long _read;

    public CappedStream(Stream inner, long limit)
    {
        _inner = inner;
        _limit = limit;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        return _read > _limit ? throw new PartTooLargeException(_limit) : read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A part passed <c>Bridge:DicomWeb:MaxInstanceBytes</c>.</summary>
internal sealed class PartTooLargeException : IOException
{
    public PartTooLargeException(long limit)
        : base($"larger than Bridge:DicomWeb:MaxInstanceBytes ({limit} bytes)")
    {
    }

    public PartTooLargeException()
    {
    }

    public PartTooLargeException(string message)
        : base(message)
    {
    }

    public PartTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
