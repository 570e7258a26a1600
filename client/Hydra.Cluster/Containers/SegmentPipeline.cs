using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Hydra.Cluster.Containers;

/// <summary>
/// Streams chunks through a segment transform and writes the results in order. With parallelism P, up to 2P segments
/// are in flight on the thread pool (memory: 2P + 1 segment buffers); with P = 1 everything runs on the caller's flow.
/// The buffers are rented from the shared pool and cleared before they go back (they held plaintext): a fresh buffer
/// per image was zeroed by the GC, faulted in by the kernel and cleared again, 9% of a WADO-RS retrieve's CPU.
/// </summary>
internal sealed class SegmentPipeline : IDisposable
{
    private readonly ChunkReader _reader;
    private readonly int _bufferSize;
    private readonly Func<SegmentCipher> _newCipher;
    private readonly SegmentTransform _transform;
    private readonly Action<long, Chunk> _check;
    private readonly ConcurrentBag<SegmentCipher> _ciphers = [];
    private readonly ConcurrentBag<byte[]> _buffers = [];
    private readonly List<byte[]> _allBuffers = [];
    private int _highWater;

    /// <param name="check">Runs on the reading flow before a chunk is transformed; throws to stop the pipeline.</param>
    public SegmentPipeline(ChunkReader reader, int bufferSize, Func<SegmentCipher> newCipher, SegmentTransform transform, Action<long, Chunk> check)
    {
        _reader = reader;
        _bufferSize = bufferSize;
        _newCipher = newCipher;
        _transform = transform;
        _check = check;
    }

    /// <summary>Runs to the final chunk and returns how many segments passed through.</summary>
    public async Task<long> RunAsync(Stream output, int parallelism, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<Task<(byte[] Buffer, int Length)>>();
        long index = 0;
        try
        {
            Chunk chunk;
            do
            {
                var buffer = RentBuffer();
                chunk = await _reader.ReadAsync(buffer.AsMemory(0, _bufferSize), cancellationToken).ConfigureAwait(false);
                _highWater = Math.Max(_highWater, chunk.Length);
                _check(index, chunk);
                if (parallelism == 1)
                {
                    var length = Transform(index, chunk, buffer);
                    await output.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                    _buffers.Add(buffer);
                }
                else
                {
                    var (segmentIndex, segmentChunk) = (index, chunk);
                    inFlight.Enqueue(Task.Run(() => (buffer, Transform(segmentIndex, segmentChunk, buffer)), cancellationToken));
                    if (inFlight.Count >= 2 * parallelism)
                    {
                        await WriteOldestAsync(inFlight, output, cancellationToken).ConfigureAwait(false);
                    }
                }

                index++;
            }
            while (!chunk.IsFinal);

            while (inFlight.Count > 0)
            {
                await WriteOldestAsync(inFlight, output, cancellationToken).ConfigureAwait(false);
            }

            return index;
        }
        catch
        {
            await DrainAsync(inFlight).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Zeroes what every buffer held (plaintext), returns it to the pool and releases the ciphers.</summary>
    public void Dispose()
    {
        // Chunks are read on one flow before their transform, and no transform puts plaintext past its chunk's length
        // (encryption appends only the tag), so no buffer holds plaintext beyond the longest chunk read.
        foreach (var buffer in _allBuffers)
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, _highWater));
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _allBuffers.Clear();

        foreach (var cipher in _ciphers)
        {
            cipher.Dispose();
        }
    }

    private int Transform(long index, Chunk chunk, byte[] buffer)
    {
        if (!_ciphers.TryTake(out var cipher))
        {
            cipher = _newCipher();
        }

        try
        {
            return _transform(cipher, index, chunk, buffer);
        }
        finally
        {
            _ciphers.Add(cipher);
        }
    }

    private async Task WriteOldestAsync(Queue<Task<(byte[] Buffer, int Length)>> inFlight, Stream output, CancellationToken cancellationToken)
    {
        var (buffer, length) = await inFlight.Dequeue().ConfigureAwait(false);
        await output.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        _buffers.Add(buffer);
    }

    private byte[] RentBuffer()
    {
        if (_buffers.TryTake(out var buffer))
        {
            return buffer;
        }

        buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
        lock (_allBuffers)
        {
            _allBuffers.Add(buffer);
        }

        return buffer;
    }

    /// <summary>Waits out segments still in flight after a failure so none outlives the pipeline's buffers.</summary>
    private static async Task DrainAsync(Queue<Task<(byte[] Buffer, int Length)>> inFlight)
    {
        while (inFlight.Count > 0)
        {
            try
            {
                await inFlight.Dequeue().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Only the first failure matters; it is already propagating.
            }
        }
    }
}
