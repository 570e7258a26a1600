using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Hydra.Dicom.IO;

/// <summary>Byte swapping between Explicit VR Big Endian (PS3.5 A.3) and the little-endian form values are kept in.</summary>
internal static class ByteOrder
{
    /// <summary>
    /// Swaps each 2-, 4- or 8-byte unit of a value of <paramref name="vr"/>; in place when the buffer is
    /// <paramref name="owned"/>, else into a copy. Text, OB and UN are returned unchanged.
    /// </summary>
    public static ReadOnlyMemory<byte> ToLittleEndian(ReadOnlyMemory<byte> value, DicomVR vr, bool owned)
    {
        var unit = vr.UnitSize();
        if (unit == 1 || value.IsEmpty)
        {
            return value;
        }

        var target = owned && MemoryMarshal.TryGetArray(value, out var segment)
            ? segment.Array.AsMemory(segment.Offset, segment.Count)
            : value.ToArray();
        Swap(target.Span, unit);
        return target;
    }

    /// <summary>Swaps each whole unit of <paramref name="unit"/> bytes in place; a partial unit at the end is left alone.</summary>
    public static void Swap(Span<byte> bytes, int unit)
    {
        var whole = bytes[..(bytes.Length - (bytes.Length % unit))];
        switch (unit)
        {
            case 2:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(whole), MemoryMarshal.Cast<byte, ushort>(whole));
                break;
            case 4:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(whole), MemoryMarshal.Cast<byte, uint>(whole));
                break;
            case 8:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(whole), MemoryMarshal.Cast<byte, ulong>(whole));
                break;
        }
    }
}
