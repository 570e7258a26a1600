using System.Globalization;

namespace Hydra.Dicom;

/// <summary>Unique Identifiers (PS3.5 9): validation and UUID-derived generation under the root 2.25 (PS3.5 B.2).</summary>
public static class DicomUid
{
    /// <summary>The longest UID PS3.5 9.1 allows.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// True when <paramref name="uid"/> follows PS3.5 9.1: at most 64 characters, components of digits separated by
    /// single dots, no component empty or starting with 0 unless it is "0".
    /// </summary>
    public static bool IsValid(string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > MaxLength)
        {
            return false;
        }

        var componentStart = 0;
        for (var i = 0; i <= uid.Length; i++)
        {
            if (i < uid.Length && uid[i] != '.')
            {
                if (!char.IsAsciiDigit(uid[i]))
                {
                    return false;
                }

                continue;
            }

            var length = i - componentStart;
            if (length == 0 || (length > 1 && uid[componentStart] == '0'))
            {
                return false;
            }

            componentStart = i + 1;
        }

        return true;
    }

    /// <summary>A new UID "2.25." + the decimal value of a random (version 4) UUID (PS3.5 B.2).</summary>
    public static string Generate() => FromUuid(Guid.NewGuid());

    /// <summary>The UID "2.25." + the decimal value of <paramref name="uuid"/> read as a 128-bit unsigned integer (PS3.5 B.2).</summary>
    public static string FromUuid(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        var value = (UInt128)System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return "2.25." + value.ToString(CultureInfo.InvariantCulture);
    }
}
