namespace Hydra.Cluster.Containers;

/// <summary>
/// Reads a stream in fixed-size chunks and tells the final one apart by looking one byte ahead, so a writer can set
/// the final-segment flag without knowing the length and a reader can demand it.
/// </summary>
internal sealed class ChunkReader
{
    private readonly Stream _input;
    private readonly int _chunkSize;
    private readonly byte[] _lookahead = new byte[1];
    private bool _hasLookahead;
    private bool _ended;

    public ChunkReader(Stream input, int chunkSize)
    {
        _input = input;
        _chunkSize = chunkSize;
    }

    /// <summary>True once the final chunk has been returned.</summary>
    public bool Ended => _ended;

    /// <summary>Fills <paramref name="buffer"/> (at least chunk size) with the next chunk.</summary>
    public async ValueTask<Chunk> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = TakeLookahead(buffer.Span);
        filled += await _input.ReadAtLeastAsync(buffer[filled.._chunkSize], _chunkSize - filled, throwOnEndOfStream: false, cancellationToken)
            .ConfigureAwait(false);
        if (filled == _chunkSize)
        {
            _hasLookahead = await _input.ReadAsync(_lookahead, cancellationToken).ConfigureAwait(false) == 1;
        }

        return Finish(filled);
    }

    /// <summary>Synchronous twin of <see cref="ReadAsync"/>.</summary>
    public Chunk Read(Span<byte> buffer)
    {
        var filled = TakeLookahead(buffer);
        filled += _input.ReadAtLeast(buffer[filled.._chunkSize], _chunkSize - filled, throwOnEndOfStream: false);
        if (filled == _chunkSize)
        {
            _hasLookahead = _input.Read(_lookahead) == 1;
        }

        return Finish(filled);
    }

    private int TakeLookahead(Span<byte> buffer)
    {
        if (_ended)
        {
            throw new InvalidOperationException("The final chunk was already read.");
        }

        if (!_hasLookahead)
        {
            return 0;
        }

        buffer[0] = _lookahead[0];
        _hasLookahead = false;
        return 1;
    }

    private Chunk Finish(int filled)
    {
        var final = filled < _chunkSize || !_hasLookahead;
        _ended = final;
        return new Chunk(filled, final);
    }
}
