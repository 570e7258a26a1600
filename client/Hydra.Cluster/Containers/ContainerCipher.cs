namespace Hydra.Cluster.Containers;

/// <summary>Whole-stream container encryption and decryption, with segments processed in parallel on large inputs.</summary>
public static class ContainerCipher
{
    /// <summary>
    /// Encrypts all of <paramref name="input"/> into a container on <paramref name="output"/> under image key
    /// <paramref name="key"/> (32 bytes). Streams with bounded memory: about 2P + 1 segments for parallelism P.
    /// </summary>
    /// <returns>The header written.</returns>
    public static async Task<ContainerHeader> EncryptAsync(
        Stream input, Stream output, ReadOnlyMemory<byte> key, ContainerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var (header, keys) = ContainerHeader.Create(options, key.Span);
        using (keys)
        {
            await output.WriteAsync(header.Encoded, cancellationToken).ConfigureAwait(false);
            var segmentKey = keys.SegmentKey.ToArray();
            var noncePrefix = header.NoncePrefix.ToArray();
            using var pipeline = new SegmentPipeline(
                new ChunkReader(input, header.SegmentSize),
                header.SegmentSize + ContainerFormat.TagLength,
                () => new SegmentCipher(segmentKey, noncePrefix),
                (cipher, index, chunk, buffer) =>
                {
                    cipher.Encrypt(index, chunk.IsFinal, buffer, chunk.Length);
                    return chunk.Length + ContainerFormat.TagLength;
                },
                (index, chunk) => CheckPlaintext(header, index, chunk));
            try
            {
                await pipeline.RunAsync(output, options.MaxDegreeOfParallelism, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Array.Clear(segmentKey);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return header;
        }
    }

    /// <summary>
    /// Decrypts the container on <paramref name="input"/> into <paramref name="output"/>, writing each segment's
    /// plaintext only after its tag verified. On failure, <paramref name="output"/> holds the verified segments before
    /// the bad one, and the exception names the segment.
    /// </summary>
    /// <param name="maxDegreeOfParallelism">Segments decrypted at once; 1 for sequential.</param>
    /// <returns>The container's header.</returns>
    public static async Task<ContainerHeader> DecryptAsync(
        Stream input, Stream output, ReadOnlyMemory<byte> key, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        var header = await ContainerHeader.ReadAsync(input, cancellationToken).ConfigureAwait(false);
        using var keys = header.Unlock(key.Span);
        var segmentKey = keys.SegmentKey.ToArray();
        var noncePrefix = header.NoncePrefix.ToArray();
        using var pipeline = new SegmentPipeline(
            new ChunkReader(input, header.SegmentSize + ContainerFormat.TagLength),
            header.SegmentSize + ContainerFormat.TagLength,
            () => new SegmentCipher(segmentKey, noncePrefix),
            (cipher, index, chunk, buffer) => DecryptSegment(header, cipher, index, chunk, buffer),
            static (_, _) => { });
        try
        {
            await pipeline.RunAsync(output, maxDegreeOfParallelism, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Array.Clear(segmentKey);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return header;
    }

    /// <summary><see cref="DecryptAsync(Stream, Stream, ReadOnlyMemory{byte}, int, CancellationToken)"/> with one segment per processor.</summary>
    public static Task<ContainerHeader> DecryptAsync(Stream input, Stream output, ReadOnlyMemory<byte> key, CancellationToken cancellationToken) =>
        DecryptAsync(input, output, key, Environment.ProcessorCount, cancellationToken);

    internal static int DecryptSegment(ContainerHeader header, SegmentCipher cipher, long index, Chunk chunk, Span<byte> buffer)
    {
        var length = SegmentDecryption.Decrypt(cipher, index, chunk.IsFinal, buffer[..chunk.Length]);
        if (chunk.IsFinal)
        {
            SegmentDecryption.CheckDeclaredLength(header, index, length);
        }

        return length;
    }

    /// <summary>Enforces a declared plaintext length before a segment is sealed, so a wrong-length input never completes.</summary>
    private static void CheckPlaintext(ContainerHeader header, long index, Chunk chunk)
    {
        if (header.PlaintextLength is not { } declared)
        {
            return;
        }

        var total = (index * header.SegmentSize) + chunk.Length;
        if (total > declared || (chunk.IsFinal && total != declared))
        {
            throw new InvalidOperationException(
                $"The container declares {declared} plaintext bytes but the input holds {(chunk.IsFinal ? total.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more")}.");
        }
    }
}
