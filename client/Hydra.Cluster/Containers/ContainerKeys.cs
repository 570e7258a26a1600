using System.Security.Cryptography;

namespace Hydra.Cluster.Containers;

/// <summary>
/// Keys of one container, bound to its header:
/// <c>PRK = HKDF-Extract(salt, K)</c>, <c>h = SHA-256(header before the commitment)</c>,
/// <c>segment key = HKDF-Expand(PRK, "hydra/container/v1/segment-key" || h, 32)</c>,
/// <c>commitment = HKDF-Expand(PRK, "hydra/container/v1/commitment" || h, 32)</c>.
/// </summary>
/// <remarks>
/// HMAC-SHA256 (inside HKDF) is collision resistant in its key and message, so the commitment pins both K and the
/// header: a wrong key, or any header change, is caught before a segment is touched. AES-GCM alone is not
/// key-committing.
/// </remarks>
internal sealed class ContainerKeys : IDisposable
{
    private static ReadOnlySpan<byte> SegmentKeyLabel => "hydra/container/v1/segment-key"u8;

    private static ReadOnlySpan<byte> CommitmentLabel => "hydra/container/v1/commitment"u8;

    private ContainerKeys(byte[] segmentKey, byte[] commitment)
    {
        SegmentKey = segmentKey;
        Commitment = commitment;
    }

    public byte[] SegmentKey { get; }

    public byte[] Commitment { get; }

    /// <summary>Derives the keys from image key <paramref name="key"/> and the header bytes that precede the commitment.</summary>
    public static ContainerKeys Derive(ReadOnlySpan<byte> key, ReadOnlySpan<byte> headerBeforeCommitment)
    {
        if (key.Length != ContainerFormat.KeyLength)
        {
            throw new ArgumentException($"The image key must be {ContainerFormat.KeyLength} bytes (AES-256), not {key.Length}.", nameof(key));
        }

        var salt = headerBeforeCommitment.Slice(ContainerFormat.SaltOffset, ContainerFormat.SaltLength);
        Span<byte> prk = stackalloc byte[32];
        Span<byte> info = stackalloc byte[SegmentKeyLabel.Length + 32];
        try
        {
            HKDF.Extract(HashAlgorithmName.SHA256, key, salt, prk);
            var segmentKey = Expand(prk, SegmentKeyLabel, headerBeforeCommitment, info);
            var commitment = Expand(prk, CommitmentLabel, headerBeforeCommitment, info);
            return new ContainerKeys(segmentKey, commitment);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    /// <summary>True when <paramref name="commitment"/> is this key's commitment (constant-time comparison).</summary>
    public bool Matches(ReadOnlySpan<byte> commitment) => CryptographicOperations.FixedTimeEquals(Commitment, commitment);

    public void Dispose() => CryptographicOperations.ZeroMemory(SegmentKey);

    private static byte[] Expand(ReadOnlySpan<byte> prk, ReadOnlySpan<byte> label, ReadOnlySpan<byte> header, Span<byte> info)
    {
        label.CopyTo(info);
        SHA256.HashData(header, info[label.Length..]);
        var output = new byte[32];
        HKDF.Expand(HashAlgorithmName.SHA256, prk, output, info[..(label.Length + 32)]);
        return output;
    }
}
