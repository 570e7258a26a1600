using Google.Protobuf.WellKnownTypes;

namespace Hydra.Keystore.Contract.Mapping;

/// <summary>
/// The one mapping between the keystore API's messages and Hydra's types, used by nodes and clients alike. Reading a
/// message checks it against the contract and throws <see cref="MalformedMessageException"/> naming what is wrong, so
/// a bad message never surfaces as a null reference or a half-filled value.
/// </summary>
public static partial class ProtoMapping
{
    /// <summary>Hex digits of a SHA-256 hash as messages carry it.</summary>
    private const int HashHexLength = 64;

    private static DateTimeOffset RequireTime(Timestamp? time, string what) =>
        time is null
            ? throw new MalformedMessageException($"{what} has no time.")
            : time.Seconds is < -62_135_596_800 or > 253_402_300_799 || time.Nanos is < 0 or > 999_999_999
                ? throw new MalformedMessageException($"{what} has a time outside years 1-9999.")
                : time.ToDateTimeOffset();

    private static byte[] RequireHash(string hex, string what, bool allowEmpty = false)
    {
        if (allowEmpty && hex.Length == 0)
        {
            return [];
        }

        if (hex.Length != HashHexLength)
        {
            throw new MalformedMessageException($"{what} is not a 32-byte hash in hex ({hex.Length} characters).");
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new MalformedMessageException($"{what} is not hexadecimal.");
        }
    }
}
