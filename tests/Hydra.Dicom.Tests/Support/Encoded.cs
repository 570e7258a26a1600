using System.Buffers.Binary;
using System.Text;

namespace Hydra.Dicom.Tests.Support;

/// <summary>Hand-built encodings (little endian) for tests of the parser on exact byte layouts.</summary>
public static class Encoded
{
    /// <summary>An Explicit VR Little Endian element; <paramref name="length"/> overrides the value's length.</summary>
    public static byte[] Explicit(DicomTag tag, string vr, byte[] value, uint? length = null)
    {
        var code = (DicomVR)((vr[0] << 8) | vr[1]);
        var longLength = code.HasLongLength();
        var header = new byte[longLength ? 12 : 8];
        WriteTag(header, tag);
        Encoding.ASCII.GetBytes(vr, header.AsSpan(4));
        if (longLength)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), length ?? (uint)value.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), (ushort)(length ?? (uint)value.Length));
        }

        return [.. header, .. value];
    }

    /// <summary>An Explicit VR Little Endian text element.</summary>
    public static byte[] Explicit(DicomTag tag, string vr, string value) => Explicit(tag, vr, Encoding.ASCII.GetBytes(value));

    /// <summary>An Implicit VR Little Endian element header and value.</summary>
    public static byte[] Implicit(DicomTag tag, byte[] value, uint? length = null)
    {
        var header = new byte[8];
        WriteTag(header, tag);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), length ?? (uint)value.Length);
        return [.. header, .. value];
    }

    /// <summary>An item, delimiter or fragment header: tag and 32-bit length, no VR (PS3.5 7.5).</summary>
    public static byte[] ItemHeader(DicomTag tag, uint length) => Implicit(tag, [], length);

    /// <summary>An undefined-length item header.</summary>
    public static byte[] Item() => ItemHeader(DicomTag.Item, 0xFFFFFFFF);

    public static byte[] ItemEnd() => ItemHeader(DicomTag.ItemDelimitation, 0);

    public static byte[] SequenceEnd() => ItemHeader(DicomTag.SequenceDelimitation, 0);

    /// <summary>An Explicit VR Little Endian sequence header of undefined length.</summary>
    public static byte[] Sequence(DicomTag tag) => Explicit(tag, "SQ", [], 0xFFFFFFFF);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static void WriteTag(Span<byte> target, DicomTag tag)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(target, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(target[2..], tag.Element);
    }
}
