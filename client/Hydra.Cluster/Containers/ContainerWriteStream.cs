using System.Buffers;
using System.Security.Cryptography;

namespace Hydra.Cluster.Containers;

/// <summary>
/// Encrypts what is written to it into a container on <c>output</c>, one segment at a time (memory: one segment).
/// Call <see cref="Complete"/> or <see cref="CompleteAsync"/> to write the final segment: disposing without completing
/// leaves a container that readers reject as truncated, so a failed copy never looks like a whole file.
/// </summary>
public sealed class ContainerWriteStream : Stream
{
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly ContainerHeader _header;
    private readonly SegmentCipher _cipher;
    private byte[] _segment;
    private int _filled;
    private long _index;
    private long _written;
    private bool _headerWritten;
    private bool _completed;
    private bool _disposed;

    /// <summary>Starts a container for image key <paramref name="key"/> (32 bytes) on <paramref name="output"/>.</summary>
    public ContainerWriteStream(Stream output, ReadOnlySpan<byte> key, ContainerOptions options, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        (_header, var keys) = ContainerHeader.Create(options, key);
        using (keys)
        {
            _cipher = new SegmentCipher(keys.SegmentKey, _header.NoncePrefix);
        }

        _output = output;
        _leaveOpen = leaveOpen;
        // Pooled: a fresh megabyte per image cost the GC's zeroing and page faults on every ingest.
        _segment = ArrayPool<byte>.Shared.Rent(_header.SegmentSize + ContainerFormat.TagLength);
    }

    /// <summary>The header this stream writes.</summary>
    public ContainerHeader Header => _header;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed && !_completed;

    public override long Length => throw new NotSupportedException();

    /// <summary>Plaintext bytes written so far; setting it is not supported.</summary>
    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        PrepareWrite(buffer.Length);
        if (!_headerWritten)
        {
            _output.Write(_header.Encoded.Span);
            _headerWritten = true;
        }

        while (!buffer.IsEmpty)
        {
            if (_filled == _header.SegmentSize)
            {
                // More data follows a full segment, so that segment is not the final one.
                _output.Write(Seal(final: false));
            }

            var take = Math.Min(buffer.Length, _header.SegmentSize - _filled);
            buffer[..take].CopyTo(_segment.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        PrepareWrite(buffer.Length);
        if (!_headerWritten)
        {
            await _output.WriteAsync(_header.Encoded, cancellationToken).ConfigureAwait(false);
            _headerWritten = true;
        }

        while (!buffer.IsEmpty)
        {
            if (_filled == _header.SegmentSize)
            {
                await _output.WriteAsync(SealMemory(final: false), cancellationToken).ConfigureAwait(false);
            }

            var take = Math.Min(buffer.Length, _header.SegmentSize - _filled);
            buffer.Span[..take].CopyTo(_segment.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
        }
    }

    /// <summary>Writes the final segment and flushes. The container is then complete; further writes throw.</summary>
    public void Complete()
    {
        PrepareComplete();
        if (!_headerWritten)
        {
            _output.Write(_header.Encoded.Span);
            _headerWritten = true;
        }

        _output.Write(Seal(final: true));
        _completed = true;
        _output.Flush();
    }

    /// <summary>Writes the final segment and flushes. The container is then complete; further writes throw.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        PrepareComplete();
        if (!_headerWritten)
        {
            await _output.WriteAsync(_header.Encoded, cancellationToken).ConfigureAwait(false);
            _headerWritten = true;
        }

        await _output.WriteAsync(SealMemory(final: true), cancellationToken).ConfigureAwait(false);
        _completed = true;
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes the output; a partly filled segment stays buffered until it fills or the container completes.</summary>
    public override void Flush() => _output.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _cipher.Dispose();

            // Sealed segments were encrypted in place, so only the plaintext not yet sealed needs wiping.
            CryptographicOperations.ZeroMemory(_segment.AsSpan(0, _filled));
            ArrayPool<byte>.Shared.Return(_segment);
            _segment = [];
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void PrepareWrite(int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The container is complete; nothing more can be written.");
        }

        if (_header.PlaintextLength is { } declared && _written + count > declared)
        {
            throw new InvalidOperationException($"The container declares {declared} plaintext bytes; writing {count} more would exceed it.");
        }

        _written += count;
    }

    private void PrepareComplete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The container is already complete.");
        }

        if (_header.PlaintextLength is { } declared && _written != declared)
        {
            throw new InvalidOperationException($"The container declares {declared} plaintext bytes but {_written} were written.");
        }
    }

    private ReadOnlyMemory<byte> SealMemory(bool final)
    {
        var length = Seal(final).Length;
        return _segment.AsMemory(0, length);
    }

    private ReadOnlySpan<byte> Seal(bool final)
    {
        if (_index >= ContainerFormat.MaxSegmentCount)
        {
            throw new InvalidOperationException($"A container holds at most {ContainerFormat.MaxSegmentCount} segments.");
        }

        _cipher.Encrypt(_index, final, _segment, _filled);
        var length = _filled + ContainerFormat.TagLength;
        _index++;
        _filled = 0;
        return _segment.AsSpan(0, length);
    }
}
