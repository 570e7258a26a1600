using System.Security.Cryptography;

namespace Hydra.Cluster.Containers;

/// <summary>
/// Decrypts a container as it is read, one verified segment at a time (memory: one segment). Over a seekable
/// ciphertext it is seekable too: a read at any position decrypts only the segment holding it. No plaintext is
/// returned from a segment before its tag has verified; a container that ends without a verified final segment fails.
/// </summary>
public sealed class ContainerReadStream : Stream
{
    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly SegmentCipher _cipher;
    private readonly byte[] _segment;
    private readonly ChunkReader? _sequential;
    private readonly SegmentMap? _map;
    private long _loadedIndex = -1;
    private int _loadedLength;
    private long _position;
    private bool _disposed;

    private ContainerReadStream(Stream input, ContainerHeader header, ContainerKeys keys, bool leaveOpen)
    {
        Header = header;
        _input = input;
        _leaveOpen = leaveOpen;
        _cipher = new SegmentCipher(keys.SegmentKey, header.NoncePrefix);
        _segment = new byte[header.SegmentSize + ContainerFormat.TagLength];
        if (input.CanSeek)
        {
            _map = SegmentMap.Measure(header, input.Position - header.Length, input.Length);
        }
        else
        {
            _sequential = new ChunkReader(input, _segment.Length);
        }
    }

    /// <summary>The container's header.</summary>
    public ContainerHeader Header { get; }

    /// <summary>Reads the header from <paramref name="input"/>, checks the key commitment, and returns the stream.</summary>
    /// <exception cref="ContainerException">Not a container, or <paramref name="key"/> is not its key.</exception>
    public static async Task<ContainerReadStream> OpenAsync(Stream input, ReadOnlyMemory<byte> key, bool leaveOpen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var header = await ContainerHeader.ReadAsync(input, cancellationToken).ConfigureAwait(false);
        return Open(input, header, key.Span, leaveOpen);
    }

    /// <summary>Synchronous twin of <see cref="OpenAsync"/>.</summary>
    public static ContainerReadStream Open(Stream input, ReadOnlySpan<byte> key, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Open(input, ContainerHeader.Read(input), key, leaveOpen);
    }

    /// <summary>Opens a stream whose header was already read; <paramref name="input"/> must be right after it.</summary>
    public static ContainerReadStream Open(Stream input, ContainerHeader header, ReadOnlySpan<byte> key, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(header);
        using var keys = header.Unlock(key);
        return new ContainerReadStream(input, header, keys, leaveOpen);
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => !_disposed && _map is not null;

    public override bool CanWrite => false;

    /// <summary>The plaintext length. Over a container of unknown length this first verifies the final segment.</summary>
    public override long Length => _map is null ? throw new NotSupportedException() : PlaintextLength();

    public override long Position
    {
        get => _position;
        set
        {
            if (_map is null)
            {
                throw new NotSupportedException("The ciphertext stream is not seekable.");
            }

            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var index = _position / Header.SegmentSize;
        return index == _loadedIndex || Load(index) ? CopyOut(buffer) : 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var index = _position / Header.SegmentSize;
        return index == _loadedIndex || await LoadAsync(index, cancellationToken).ConfigureAwait(false) ? CopyOut(buffer.Span) : 0;
    }

    /// <summary>Writes each verified segment straight from the decryption buffer, without an intermediate copy.</summary>
    public override void CopyTo(Stream destination, int bufferSize)
    {
        ValidateCopyToArguments(destination, bufferSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            var index = _position / Header.SegmentSize;
            if (index != _loadedIndex && !Load(index))
            {
                return;
            }

            var within = (int)(_position - (index * Header.SegmentSize));
            if (within >= _loadedLength)
            {
                return;
            }

            destination.Write(_segment, within, _loadedLength - within);
            _position += _loadedLength - within;
        }
    }

    /// <summary>Writes each verified segment straight from the decryption buffer, without an intermediate copy.</summary>
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ValidateCopyToArguments(destination, bufferSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            var index = _position / Header.SegmentSize;
            if (index != _loadedIndex && !await LoadAsync(index, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var within = (int)(_position - (index * Header.SegmentSize));
            if (within >= _loadedLength)
            {
                return;
            }

            await destination.WriteAsync(_segment.AsMemory(within, _loadedLength - within), cancellationToken).ConfigureAwait(false);
            _position += _loadedLength - within;
        }
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _cipher.Dispose();
            CryptographicOperations.ZeroMemory(_segment);
            if (!_leaveOpen)
            {
                _input.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Copies plaintext of the loaded segment from the current position; 0 past its end.</summary>
    private int CopyOut(Span<byte> buffer)
    {
        var within = (int)(_position - (_loadedIndex * Header.SegmentSize));
        var count = Math.Min(buffer.Length, _loadedLength - within);
        if (count <= 0)
        {
            return 0;
        }

        _segment.AsSpan(within, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    /// <summary>Decrypts segment <paramref name="index"/> into the buffer; false at the end of the plaintext.</summary>
    private bool Load(long index)
    {
        _loadedIndex = -1;
        if (_map is not null)
        {
            if (index >= _map.Count)
            {
                return false;
            }

            var length = _map.CiphertextLength(index);
            _input.Position = _map.Offset(index);
            _input.ReadExactly(_segment.AsSpan(0, length));
            return Decrypted(index, new Chunk(length, index == _map.Count - 1));
        }

        return !_sequential!.Ended && Decrypted(index, _sequential.Read(_segment));
    }

    private async ValueTask<bool> LoadAsync(long index, CancellationToken cancellationToken)
    {
        _loadedIndex = -1;
        if (_map is not null)
        {
            if (index >= _map.Count)
            {
                return false;
            }

            var length = _map.CiphertextLength(index);
            _input.Position = _map.Offset(index);
            await _input.ReadExactlyAsync(_segment.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            return Decrypted(index, new Chunk(length, index == _map.Count - 1));
        }

        return !_sequential!.Ended && Decrypted(index, await _sequential.ReadAsync(_segment, cancellationToken).ConfigureAwait(false));
    }

    private bool Decrypted(long index, Chunk chunk)
    {
        _loadedLength = ContainerCipher.DecryptSegment(Header, _cipher, index, chunk, _segment);
        _loadedIndex = index;
        return true;
    }

    private long PlaintextLength()
    {
        if (Header.PlaintextLength is { } declared)
        {
            return declared;
        }

        // The final segment's length comes from the ciphertext's size; verify it before trusting it.
        var saved = _position;
        var last = _map!.Count - 1;
        if (_loadedIndex != last)
        {
            Load(last);
        }

        _position = saved;
        return (last * Header.SegmentSize) + _loadedLength;
    }
}
