using System.Buffers.Binary;
using System.Text;
using Hydra.Keystore.Contract;

namespace Hydra.Cluster.Containers;

/// <summary>Validates container headers field by field (<c>client/Hydra.Cluster/Containers/FORMAT.md</c>), naming the field and its offset.</summary>
internal static class ContainerHeaderParser
{
    /// <summary>
    /// Checks the fields present in <paramref name="data"/> (which may be shorter than the prefix) and returns the
    /// whole header's length once the key id length field is present, else 0.
    /// </summary>
    public static int CheckPrefix(ReadOnlySpan<byte> data)
    {
        var magicPart = Math.Min(data.Length, ContainerFormat.Magic.Length);
        if (!data[..magicPart].SequenceEqual(ContainerFormat.Magic[..magicPart]))
        {
            throw new ContainerException(ContainerErrorReason.BadMagic, "Not a Hydra container: field 'magic' (offset 0) does not match.");
        }

        if (data.Length > 8 && data[8] != ContainerFormat.Version)
        {
            throw new ContainerException(
                ContainerErrorReason.UnsupportedVersion,
                $"Container version {data[8]} (offset 8) is not supported; this library reads version {ContainerFormat.Version}.");
        }

        if (data.Length > 9 && data[9] != ContainerFormat.AlgorithmAes256GcmHkdfSha256)
        {
            throw new ContainerException(ContainerErrorReason.UnsupportedAlgorithm, $"Container algorithm {data[9]} (offset 9) is not supported.");
        }

        if (data.Length > 10 && (data[10] & ~ContainerFormat.FlagLengthKnown) != 0)
        {
            throw Malformed($"field 'flags' is 0x{data[10]:X2}; only bit 0 is defined", 10);
        }

        if (data.Length > 11 && data[11] is 0 or > KeyId.MaxLength)
        {
            throw Malformed($"field 'key id length' is {data[11]}, outside 1..{KeyId.MaxLength}", 11);
        }

        return data.Length >= ContainerFormat.PrefixLength ? ContainerFormat.FixedLength + data[11] + ContainerFormat.CommitmentLength : 0;
    }

    /// <summary>Parses a complete header of exactly its own length.</summary>
    public static ContainerHeader Parse(ReadOnlySpan<byte> data)
    {
        var length = CheckPrefix(data);
        if (length == 0 || data.Length != length)
        {
            throw Malformed($"header is {data.Length} bytes but its key id length makes {length}", 0);
        }

        var segmentSize = BinaryPrimitives.ReadUInt32BigEndian(data[12..]);
        if (segmentSize is < ContainerFormat.MinSegmentSize or > ContainerFormat.MaxSegmentSize)
        {
            throw Malformed($"field 'segment size' is {segmentSize}, outside {ContainerFormat.MinSegmentSize}..{ContainerFormat.MaxSegmentSize}", 12);
        }

        int threshold = data[16];
        int shareCount = data[17];
        if (threshold < 2 || shareCount < threshold)
        {
            throw Malformed($"fields 'threshold' {threshold} and 'share count' {shareCount} break 2 <= M <= N <= 255", 16);
        }

        var plaintextLength = ReadLength(data, (int)segmentSize);
        var keyIdText = Encoding.ASCII.GetString(data.Slice(ContainerFormat.FixedLength, data[11]));
        if (!KeyId.TryParse(keyIdText, out var keyId))
        {
            throw Malformed($"field 'key id' is not a valid key id ({KeyId.Validate(keyIdText)})", ContainerFormat.FixedLength);
        }

        return ContainerHeader.FromParsed(data.ToArray(), keyId, (int)segmentSize, threshold, shareCount, plaintextLength);
    }

    private static long? ReadLength(ReadOnlySpan<byte> data, int segmentSize)
    {
        var length = BinaryPrimitives.ReadUInt64BigEndian(data[18..]);
        if ((data[10] & ContainerFormat.FlagLengthKnown) == 0)
        {
            return length == 0 ? null : throw Malformed($"field 'plaintext length' is {length} but flag bit 0 says it is unknown", 18);
        }

        if (length > long.MaxValue || ContainerFormat.SegmentCount((long)length, segmentSize) > ContainerFormat.MaxSegmentCount)
        {
            throw Malformed($"field 'plaintext length' {length} needs more than 2^32 - 1 segments", 18);
        }

        return (long)length;
    }

    private static ContainerException Malformed(string what, int offset) =>
        new(ContainerErrorReason.MalformedHeader, $"Malformed container header: {what} (offset {offset}).");
}
