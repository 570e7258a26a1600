using System.Buffers.Binary;
using System.Text;
using Hydra.Keystore.Contract;

namespace Hydra.Sharing;

/// <summary>Reads the binary envelope layout of <c>keystore/Hydra.Sharing/FORMAT.md</c>, checking every length before it is used.</summary>
internal static class ShareEnvelopeParser
{
    private const int FixedPrefixLength = 6; // magic (4), version (1), key id length (1)

    public static ShareEnvelope Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < FixedPrefixLength)
        {
            throw Malformed($"{data.Length} bytes is shorter than the {FixedPrefixLength}-byte prefix", 0);
        }

        if (!ShareEnvelope.HasMagic(data))
        {
            throw Malformed("field 'magic' is not \"HYSE\"", 0);
        }

        if (data[4] != ShareEnvelope.CurrentVersion)
        {
            throw new ShareException(
                ShareErrorReason.UnsupportedVersion,
                $"Share envelope version {data[4]} (offset 4) is not supported; this library reads version {ShareEnvelope.CurrentVersion}.");
        }

        var keyIdLength = data[5];
        if (keyIdLength is 0 or > KeyId.MaxLength)
        {
            throw Malformed($"field 'key id length' is {keyIdLength}, outside 1..{KeyId.MaxLength}", 5);
        }

        var offset = FixedPrefixLength + keyIdLength + ShareEnvelope.SplitIdLength + 3;
        if (data.Length < offset + 2)
        {
            throw Malformed($"{data.Length} bytes ends before field 'y length'", Math.Min(data.Length, offset));
        }

        var yLength = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
        if (yLength is 0 or > ShareEnvelope.MaxYLength)
        {
            throw Malformed($"field 'y length' is {yLength}, outside 1..{ShareEnvelope.MaxYLength}", offset);
        }

        var expected = ShareEnvelope.EncodedLength(keyIdLength, yLength);
        if (data.Length != expected)
        {
            throw Malformed($"length is {data.Length} bytes but its fields make {expected}", 0);
        }

        return Build(data, keyIdLength, yLength);
    }

    private static ShareEnvelope Build(ReadOnlySpan<byte> data, int keyIdLength, int yLength)
    {
        // Non-ASCII bytes decode to '?', which the key id alphabet refuses.
        var keyIdText = Encoding.ASCII.GetString(data.Slice(FixedPrefixLength, keyIdLength));
        if (!KeyId.TryParse(keyIdText, out var keyId))
        {
            throw Malformed($"field 'key id' is not a valid key id ({KeyId.Validate(keyIdText)})", FixedPrefixLength);
        }

        var offset = FixedPrefixLength + keyIdLength;
        var splitId = data.Slice(offset, ShareEnvelope.SplitIdLength);
        offset += ShareEnvelope.SplitIdLength;
        int threshold = data[offset];
        int shareCount = data[offset + 1];
        var x = data[offset + 2];
        if (threshold < Shamir.MinThreshold || shareCount < threshold)
        {
            throw Malformed($"fields 'threshold' {threshold} and 'share count' {shareCount} break 2 <= M <= N <= 255", offset);
        }

        if (x == 0)
        {
            throw new ShareException(ShareErrorReason.ZeroX, $"Malformed share envelope: field 'x' at offset {offset + 2} is 0.");
        }

        offset += 5;
        var y = data.Slice(offset, yLength);
        var tag = data.Slice(offset + yLength, ShareEnvelope.TagLength);
        return new ShareEnvelope(keyId, splitId, threshold, shareCount, x, y, tag);
    }

    private static ShareException Malformed(string what, int offset) =>
        new(ShareErrorReason.Malformed, $"Malformed share envelope: {what} (offset {offset}).");
}
