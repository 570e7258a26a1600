using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Hydra.Dicom;

/// <summary>Converts between encoded values and .NET values per VR (PS3.5 6.2), little endian.</summary>
internal static class DicomValueCodec
{
    /// <summary>True for the "other" binary VRs whose VM is 1 whatever their length (OB OW OF OD OL OV UN).</summary>
    public static bool IsOtherBinary(DicomVR vr) =>
        vr is DicomVR.OB or DicomVR.OW or DicomVR.OF or DicomVR.OD or DicomVR.OL or DicomVR.OV or DicomVR.UN;

    /// <summary>How many whole numbers of the VR's unit fit in <paramref name="length"/> bytes.</summary>
    public static int UnitCount(DicomVR vr, int length) => length / Math.Max(1, vr == DicomVR.AT ? 4 : vr.UnitSize());

    /// <summary>Removes trailing padding: spaces and NULs (PS3.5 6.2 allows both for UI, tolerated elsewhere).</summary>
    public static string TrimEnd(string text) => text.TrimEnd(' ', '\0');

    /// <summary>
    /// Removes the padding PS3.5 Table 6.2-1 calls insignificant: trailing for every VR, leading as well for AE, CS,
    /// DS, IS, LO, SH and the date and time VRs.
    /// </summary>
    public static string Trim(string value, DicomVR vr) =>
        vr is DicomVR.AE or DicomVR.CS or DicomVR.DS or DicomVR.IS or DicomVR.LO or DicomVR.SH or DicomVR.DA or DicomVR.TM or DicomVR.DT
            ? value.Trim(' ', '\0')
            : value.TrimEnd(' ', '\0');

    public static T ParseNumber<T>(string text, DicomVR vr, DicomTag tag)
        where T : INumberBase<T>
    {
        if (vr == DicomVR.IS && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return T.CreateChecked(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return T.CreateChecked(real);
        }

        throw new DicomException($"{tag.ToDisplayString()} holds a {vr.Code()} value that is not a number.");
    }

    public static T ReadNumber<T>(ReadOnlySpan<byte> value, DicomVR vr, int index, DicomTag tag)
        where T : INumberBase<T>
    {
        var size = vr == DicomVR.AT ? 2 : vr.UnitSize();
        if (!IsNumeric(vr))
        {
            throw new DicomException($"{tag.ToDisplayString()} has VR {vr.Code()}, which holds no numbers.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, (value.Length / size) - 1);
        var bytes = value.Slice(index * size, size);
        return vr switch
        {
            DicomVR.OB or DicomVR.UN => T.CreateChecked(bytes[0]),
            DicomVR.US or DicomVR.OW or DicomVR.AT => T.CreateChecked(BinaryPrimitives.ReadUInt16LittleEndian(bytes)),
            DicomVR.SS => T.CreateChecked(BinaryPrimitives.ReadInt16LittleEndian(bytes)),
            DicomVR.UL or DicomVR.OL => T.CreateChecked(BinaryPrimitives.ReadUInt32LittleEndian(bytes)),
            DicomVR.SL => T.CreateChecked(BinaryPrimitives.ReadInt32LittleEndian(bytes)),
            DicomVR.FL or DicomVR.OF => T.CreateChecked(BinaryPrimitives.ReadSingleLittleEndian(bytes)),
            DicomVR.FD or DicomVR.OD => T.CreateChecked(BinaryPrimitives.ReadDoubleLittleEndian(bytes)),
            DicomVR.SV => T.CreateChecked(BinaryPrimitives.ReadInt64LittleEndian(bytes)),
            _ => T.CreateChecked(BinaryPrimitives.ReadUInt64LittleEndian(bytes)),
        };
    }

    /// <summary>Encodes numbers for a binary VR, little endian; throws <see cref="OverflowException"/> when one does not fit.</summary>
    public static byte[] EncodeNumbers<T>(DicomVR vr, ReadOnlySpan<T> values)
        where T : INumberBase<T>
    {
        var size = vr.UnitSize();
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            var target = bytes.AsSpan(i * size, size);
            var value = values[i];
            switch (vr)
            {
                case DicomVR.OB or DicomVR.UN: target[0] = byte.CreateChecked(value); break;
                case DicomVR.US or DicomVR.OW: BinaryPrimitives.WriteUInt16LittleEndian(target, ushort.CreateChecked(value)); break;
                case DicomVR.SS: BinaryPrimitives.WriteInt16LittleEndian(target, short.CreateChecked(value)); break;
                case DicomVR.UL or DicomVR.OL: BinaryPrimitives.WriteUInt32LittleEndian(target, uint.CreateChecked(value)); break;
                case DicomVR.SL: BinaryPrimitives.WriteInt32LittleEndian(target, int.CreateChecked(value)); break;
                case DicomVR.FL or DicomVR.OF: BinaryPrimitives.WriteSingleLittleEndian(target, float.CreateChecked(value)); break;
                case DicomVR.FD or DicomVR.OD: BinaryPrimitives.WriteDoubleLittleEndian(target, double.CreateChecked(value)); break;
                case DicomVR.SV: BinaryPrimitives.WriteInt64LittleEndian(target, long.CreateChecked(value)); break;
                case DicomVR.UV or DicomVR.OV: BinaryPrimitives.WriteUInt64LittleEndian(target, ulong.CreateChecked(value)); break;
                default: throw new ArgumentException($"VR {vr.Code()} does not hold binary numbers.", nameof(vr));
            }
        }

        return bytes;
    }

    /// <summary>
    /// Formats a Decimal String value in at most 16 characters (PS3.5 Table 6.2-1), dropping precision only when the
    /// shortest round-trip form is longer.
    /// </summary>
    public static string FormatDecimalString(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A DS value must be finite.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        for (var precision = 15; text.Length > 16 && precision > 0; precision--)
        {
            text = value.ToString("G" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return text;
    }

    private static bool IsNumeric(DicomVR vr) => vr is DicomVR.OB or DicomVR.UN or DicomVR.US or DicomVR.OW or DicomVR.AT
        or DicomVR.SS or DicomVR.UL or DicomVR.OL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.FD or DicomVR.OD
        or DicomVR.SV or DicomVR.UV or DicomVR.OV;
}
