using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Hydra.Keystore.Contract;

namespace Hydra.Cluster.Containers;

/// <summary>
/// The public facts of a container header: which key opens it and how it is segmented. Readable without the key, so a
/// client learns which key's shares to fetch. Layout: <c>client/Hydra.Cluster/Containers/FORMAT.md</c>.
/// </summary>
public sealed record ContainerHeader
{
    private readonly byte[] _encoded;

    private ContainerHeader(byte[] encoded, KeyId keyId, int segmentSize, int threshold, int shareCount, long? plaintextLength)
    {
        _encoded = encoded;
        KeyId = keyId;
        SegmentSize = segmentSize;
        Threshold = threshold;
        ShareCount = shareCount;
        PlaintextLength = plaintextLength;
    }

    /// <summary>The format version (1).</summary>
    public int Version { get; } = ContainerFormat.Version;

    /// <summary>The id of the key that opens the container.</summary>
    public KeyId KeyId { get; }

    /// <summary>Plaintext bytes per segment.</summary>
    public int SegmentSize { get; }

    /// <summary>M of the key's split, as recorded by the writer.</summary>
    public int Threshold { get; }

    /// <summary>N of the key's split, as recorded by the writer.</summary>
    public int ShareCount { get; }

    /// <summary>The plaintext length, when the writer declared it.</summary>
    public long? PlaintextLength { get; }

    /// <summary>Length of the header region in bytes; segment i starts at <c>Length + i * (SegmentSize + 16)</c>.</summary>
    public int Length => _encoded.Length;

    /// <summary>The header bytes as written.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    internal ReadOnlySpan<byte> NoncePrefix => _encoded.AsSpan(ContainerFormat.NoncePrefixOffset, ContainerFormat.NoncePrefixLength);

    internal ReadOnlySpan<byte> BeforeCommitment => _encoded.AsSpan(0, _encoded.Length - ContainerFormat.CommitmentLength);

    internal ReadOnlySpan<byte> Commitment => _encoded.AsSpan(_encoded.Length - ContainerFormat.CommitmentLength);

    /// <summary>Byte offset of segment <paramref name="index"/> from the start of the container.</summary>
    public long SegmentOffset(long index) => Length + (index * (SegmentSize + (long)ContainerFormat.TagLength));

    /// <summary>
    /// Reads a header from the start of <paramref name="data"/>: false when more bytes are needed (
    /// <paramref name="header"/> null), <see cref="ContainerException"/> when the bytes are not a valid header.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out ContainerHeader? header)
    {
        header = null;
        if (data.Length < ContainerFormat.PrefixLength)
        {
            ContainerHeaderParser.CheckPrefix(data);
            return false;
        }

        var length = ContainerHeaderParser.CheckPrefix(data);
        if (data.Length < length)
        {
            return false;
        }

        header = ContainerHeaderParser.Parse(data[..length]);
        return true;
    }

    /// <summary>Reads exactly the header from <paramref name="stream"/>, leaving it at the first segment.</summary>
    public static async Task<ContainerHeader> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var prefix = new byte[ContainerFormat.PrefixLength];
        await ReadHeaderBytesAsync(stream, prefix, cancellationToken).ConfigureAwait(false);
        var data = new byte[ContainerHeaderParser.CheckPrefix(prefix)];
        prefix.CopyTo(data, 0);
        await ReadHeaderBytesAsync(stream, data.AsMemory(prefix.Length), cancellationToken).ConfigureAwait(false);
        return ContainerHeaderParser.Parse(data);
    }

    /// <summary>Reads exactly the header from <paramref name="stream"/>, leaving it at the first segment.</summary>
    public static ContainerHeader Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[ContainerFormat.PrefixLength];
        ReadHeaderBytes(stream, prefix);
        var data = new byte[ContainerHeaderParser.CheckPrefix(prefix)];
        prefix.CopyTo(data);
        ReadHeaderBytes(stream, data.AsSpan(prefix.Length));
        return ContainerHeaderParser.Parse(data);
    }

    /// <summary>A fresh header (random salt and nonce prefix) committed to <paramref name="key"/>, and its keys.</summary>
    internal static (ContainerHeader Header, ContainerKeys Keys) Create(ContainerOptions options, ReadOnlySpan<byte> key)
    {
        options.Validate();
        var keyId = Encoding.ASCII.GetBytes(options.KeyId.Value);
        var encoded = new byte[ContainerFormat.FixedLength + keyId.Length + ContainerFormat.CommitmentLength];
        var span = encoded.AsSpan();
        ContainerFormat.Magic.CopyTo(span);
        span[8] = ContainerFormat.Version;
        span[9] = ContainerFormat.AlgorithmAes256GcmHkdfSha256;
        span[10] = options.PlaintextLength.HasValue ? ContainerFormat.FlagLengthKnown : (byte)0;
        span[11] = (byte)keyId.Length;
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], (uint)options.SegmentSize);
        span[16] = (byte)options.Threshold;
        span[17] = (byte)options.ShareCount;
        BinaryPrimitives.WriteUInt64BigEndian(span[18..], (ulong)(options.PlaintextLength ?? 0));
        RandomNumberGenerator.Fill(span.Slice(ContainerFormat.SaltOffset, ContainerFormat.SaltLength + ContainerFormat.NoncePrefixLength));
        keyId.CopyTo(span[ContainerFormat.FixedLength..]);
        var header = new ContainerHeader(encoded, options.KeyId, options.SegmentSize, options.Threshold, options.ShareCount, options.PlaintextLength);
        var keys = ContainerKeys.Derive(key, header.BeforeCommitment);
        keys.Commitment.CopyTo(span[^ContainerFormat.CommitmentLength..]);
        return (header, keys);
    }

    /// <summary>Derives the keys for <paramref name="key"/> and checks the commitment before any segment is read.</summary>
    internal ContainerKeys Unlock(ReadOnlySpan<byte> key)
    {
        var keys = ContainerKeys.Derive(key, BeforeCommitment);
        if (!keys.Matches(Commitment))
        {
            keys.Dispose();
            throw new ContainerException(
                ContainerErrorReason.WrongKey,
                $"The key does not open this container (key commitment mismatch): it is not the key of '{KeyId}', or the header was altered.");
        }

        return keys;
    }

    internal static ContainerHeader FromParsed(byte[] encoded, KeyId keyId, int segmentSize, int threshold, int shareCount, long? plaintextLength) =>
        new(encoded, keyId, segmentSize, threshold, shareCount, plaintextLength);

    public bool Equals(ContainerHeader? other) => other is not null && _encoded.AsSpan().SequenceEqual(other._encoded);

    public override int GetHashCode() => HashCode.Combine(KeyId, _encoded.Length);

    private static async Task ReadHeaderBytesAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        ThrowIfShort(buffer.Span, read);
    }

    private static void ReadHeaderBytes(Stream stream, Span<byte> buffer) =>
        ThrowIfShort(buffer, stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false));

    private static void ThrowIfShort(ReadOnlySpan<byte> buffer, int read)
    {
        if (read < buffer.Length)
        {
            // A short run of bytes that is not even a header's start is reported as such, not as truncation.
            if (buffer.Length == ContainerFormat.PrefixLength)
            {
                ContainerHeaderParser.CheckPrefix(buffer[..read]);
            }

            throw new ContainerException(ContainerErrorReason.Truncated, $"The data ends inside the container header, after {read} more byte(s).");
        }
    }
}
