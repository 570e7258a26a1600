using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// The keyed, stateless mappings of the de-identifier, all HMAC-SHA-256 under the bridge secret, so that the same
/// input always gives the same output (a late series joins its study, a patient's studies stay linked) while nobody
/// without the secret can link an output to its input, not even by trying every candidate input.
/// </summary>
internal sealed class KeyedMapping
{
    // Base 32 without I, L, O and U (Crockford), so a pseudonym reads back unambiguously.
    private const string Base32Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private readonly byte[] _secret;

    public KeyedMapping(byte[] secret)
    {
        _secret = secret;
    }

    /// <summary>
    /// The replacement UID: "2.25." and the decimal value of the first 128 bits of HMAC-SHA-256(secret, uid), a UUID-
    /// derived UID as PS3.5 B.2 allows (at most 44 characters).
    /// </summary>
    public string MapUid(string uid)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(uid), hash);
        var value = BinaryPrimitives.ReadUInt128BigEndian(hash);
        return "2.25." + value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The patient pseudonym: <paramref name="prefix"/> and 26 base-32 characters (the first 128 bits) of
    /// HMAC-SHA-256(secret, issuer "\" patient id). A backslash cannot occur in either LO value (it separates values),
    /// so no two (issuer, id) pairs share an input.
    /// </summary>
    public string Pseudonym(string prefix, string issuer, string patientId)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(issuer + "\\" + patientId), hash);
        return prefix + Base32(BinaryPrimitives.ReadUInt128BigEndian(hash));
    }

    /// <summary>
    /// The per-patient date offset in whole days, never 0, within +/- <paramref name="maxDays"/>: from
    /// HMAC-SHA-256(secret, "date-offset\" issuer "\" patient id), a domain apart from the pseudonym's input.
    /// </summary>
    public int DateOffsetDays(string issuer, string patientId, int maxDays)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("date-offset\\" + issuer + "\\" + patientId), hash);
        var draw = (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)(2 * maxDays));
        return draw < maxDays ? -(draw + 1) : draw - maxDays + 1;
    }

    private static string Base32(UInt128 value)
    {
        Span<char> text = stackalloc char[26];
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = Base32Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(text);
    }
}
