namespace Hydra.Cluster.Containers;

/// <summary>Constants of container format version 1 (<c>client/Hydra.Cluster/Containers/FORMAT.md</c>).</summary>
internal static class ContainerFormat
{
    public const byte Version = 1;

    /// <summary>AES-256-GCM segments under an HKDF-SHA256-derived key, 12-byte nonces, 16-byte tags.</summary>
    public const byte AlgorithmAes256GcmHkdfSha256 = 1;

    /// <summary>Flags bit 0: the plaintext length field holds the real length.</summary>
    public const byte FlagLengthKnown = 0x01;

    /// <summary>Bytes before the key id: magic 8, version, algorithm, flags, key id length, segment size 4, M, N, length 8, salt 32, nonce prefix 7.</summary>
    public const int FixedLength = 65;

    /// <summary>Bytes needed to learn the whole header's length (through the key id length field).</summary>
    public const int PrefixLength = 12;

    public const int SaltLength = 32;
    public const int NoncePrefixLength = 7;
    public const int CommitmentLength = 32;
    public const int KeyLength = 32;
    public const int TagLength = 16;
    public const int NonceLength = 12;

    /// <summary>Smallest plaintext segment, in bytes.</summary>
    public const int MinSegmentSize = 16;

    /// <summary>Largest plaintext segment, in bytes (64 MiB): readers allocate one segment per worker.</summary>
    public const int MaxSegmentSize = 64 * 1024 * 1024;

    /// <summary>Default plaintext segment, in bytes (1 MiB).</summary>
    public const int DefaultSegmentSize = 1024 * 1024;

    /// <summary>Segment indexes are 32-bit; the count stays below 2^32 so the index never wraps.</summary>
    public const long MaxSegmentCount = uint.MaxValue;

    public const int SaltOffset = 26;
    public const int NoncePrefixOffset = 58;

    /// <summary>"\x89HYC\r\n\x1a\n": a non-ASCII first byte and line-ending bytes catch text-mode mangling, as PNG's magic does.</summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'H', (byte)'Y', (byte)'C', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Number of segments for a plaintext of <paramref name="length"/> bytes: at least one, the final one never empty unless all is.</summary>
    public static long SegmentCount(long length, int segmentSize) => length == 0 ? 1 : ((length - 1) / segmentSize) + 1;
}
