using System.Buffers.Binary;

namespace Hydra.Sharing;

/// <summary>Reads the sealed-share layout of <c>keystore/Hydra.Sharing/FORMAT.md</c>, checking every length before it is used.</summary>
internal static class SealedShareParser
{
    private const int PrefixLength = 7; // magic (4), version (1), envelope length (2)

    public static SealedShare Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < PrefixLength)
        {
            throw Malformed($"{data.Length} bytes is shorter than the {PrefixLength}-byte prefix", 0);
        }

        if (!SealedShare.HasMagic(data))
        {
            throw Malformed("field 'magic' is not \"HYSS\"", 0);
        }

        if (data[4] != SealedShare.CurrentVersion)
        {
            throw new ShareException(
                ShareErrorReason.UnsupportedVersion,
                $"Sealed share version {data[4]} (offset 4) is not supported; this library reads version {SealedShare.CurrentVersion}.");
        }

        int envelopeLength = BinaryPrimitives.ReadUInt16BigEndian(data[5..]);
        var nonceOffset = PrefixLength + envelopeLength;
        if (data.Length < nonceOffset + SealedShare.NonceLength + 4)
        {
            throw Malformed($"field 'envelope length' {envelopeLength} runs past the end of {data.Length} bytes", 5);
        }

        var envelope = ShareEnvelope.Parse(data.Slice(PrefixLength, envelopeLength));
        var lengthOffset = nonceOffset + SealedShare.NonceLength;
        var sealedLength = BinaryPrimitives.ReadUInt32BigEndian(data[lengthOffset..]);
        if (sealedLength is < SealedShare.GcmTagLength + 1 or > SecretEscrow.MaxSecretLength + SealedShare.GcmTagLength)
        {
            throw Malformed(
                $"field 'sealed length' is {sealedLength}, outside {SealedShare.GcmTagLength + 1}..{SecretEscrow.MaxSecretLength + SealedShare.GcmTagLength}",
                lengthOffset);
        }

        if (data.Length != lengthOffset + 4 + sealedLength)
        {
            throw Malformed($"length is {data.Length} bytes but its fields make {lengthOffset + 4 + sealedLength}", 0);
        }

        return new SealedShare(envelope, data.Slice(nonceOffset, SealedShare.NonceLength), data[(lengthOffset + 4)..]);
    }

    private static ShareException Malformed(string what, int offset) =>
        new(ShareErrorReason.Malformed, $"Malformed sealed share: {what} (offset {offset}).");
}
