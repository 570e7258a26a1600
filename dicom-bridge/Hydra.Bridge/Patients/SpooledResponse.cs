using System.Security.Cryptography;

namespace Hydra.Bridge.Patients;

/// <summary>
/// A write-only stream in front of a response body for <see cref="System.IO.Compression.ZipArchive"/>, which writes some
/// parts synchronously (a deflate stream's last block when an entry closes) where Kestrel refuses synchronous writes:
/// synchronous writes are kept in memory (a few kilobytes each) and sent on the next asynchronous write or
/// <see cref="SendAsync"/>; asynchronous writes go through once more than <see cref="SendThreshold"/> is waiting.
/// </summary>
internal sealed class SpooledResponse(Stream destination) : Stream
{
    /// <summary>Bytes kept before an asynchronous write sends them on: a few deflate blocks.</summary>
    public const int SendThreshold = 256 * 1024;

    private readonly MemoryStream _spool = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Sends what is waiting to the response.</summary>
    public async Task SendAsync(CancellationToken cancellationToken)
    {
        if (_spool.Length > 0)
        {
            await destination.WriteAsync(_spool.GetBuffer().AsMemory(0, (int)_spool.Length), cancellationToken).ConfigureAwait(false);
            Clear();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => _spool.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _spool.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _spool.Write(buffer.Span);
        if (_spool.Length >= SendThreshold)
        {
            await SendAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Flush()
    {
        // Sent by SendAsync: a synchronous flush cannot reach the response.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => SendAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Clear();
            _spool.Dispose();
        }

        base.Dispose(disposing);
    }

    // The spool held de-identified image bytes: wiped before its buffer is reused or dropped.
    private void Clear()
    {
        CryptographicOperations.ZeroMemory(_spool.GetBuffer().AsSpan(0, (int)_spool.Length));
        _spool.SetLength(0);
    }
}
