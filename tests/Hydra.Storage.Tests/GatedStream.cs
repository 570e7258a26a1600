using Hydra.Testing;

namespace Hydra.Storage.Tests;

/// <summary>
/// A stream in front of another that counts the bytes written through it and, while its gate is closed, holds every
/// write: the test decides when LiteDB's background writer gets to put log pages on the file.
/// </summary>
internal sealed class GatedStream(Stream inner) : Stream
{
    private readonly ManualResetEventSlim _gate = new(initialState: true);
    private readonly ManualResetEventSlim _writeHeld = new();
    private long _bytesWritten;

    /// <summary>Bytes that have passed the gate and reached the inner stream.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Holds writes from now on.</summary>
    public void HoldWrites() => _gate.Reset();

    /// <summary>Lets held and later writes through.</summary>
    public void ReleaseWrites() => _gate.Set();

    /// <summary>Blocks until a write is held at the closed gate.</summary>
    public void WaitForHeldWrite()
    {
        if (!_writeHeld.Wait(TaskTimeoutExtensions.DefaultTimeoutSpan))
        {
            throw new TimeoutException("No write reached the closed gate.");
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!_gate.IsSet)
        {
            _writeHeld.Set();
            if (!_gate.Wait(TaskTimeoutExtensions.DefaultTimeoutSpan))
            {
                throw new TimeoutException("The test never opened the gate.");
            }
        }

        // The database's fsync locks the inner stream; LiteDB's own lock is on this one.
        lock (inner)
        {
            inner.Write(buffer, offset, count);
        }

        Interlocked.Add(ref _bytesWritten, count);
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override void Flush() => inner.Flush();

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }
}
