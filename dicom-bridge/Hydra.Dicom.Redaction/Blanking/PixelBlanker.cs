using System.Buffers.Binary;
using Hydra.Dicom.Imaging;
using Hydra.Dicom.Redaction.Scanning;

namespace Hydra.Dicom.Redaction.Blanking;

/// <summary>
/// Blanks rectangles in one native frame (PS3.15 E.3.1): MONOCHROME2 with the frame's darkest stored value,
/// MONOCHROME1 with its brightest (both black on screen), RGB with black (0, 0, 0), YBR_FULL with black (Y 0, Cb and Cr
/// 128: a zero chroma pair would show green). Interleaved and planar colour alike; the rest of the frame is not touched.
/// </summary>
internal static class PixelBlanker
{
    public static void Blank(Span<byte> frame, PixelLayout layout, IEnumerable<Box> boxes)
    {
        var (width, count) = (layout.Columns, layout.Rows * layout.Columns);
        if (layout.SamplesPerPixel == 3)
        {
            byte[] black = layout.Photometric == "YBR_FULL" ? [0, 128, 128] : [0, 0, 0];
            foreach (var box in boxes)
            {
                for (var y = box.Y; y < box.Bottom; y++)
                {
                    for (var x = box.X; x < box.Right; x++)
                    {
                        var i = (y * width) + x;
                        for (var c = 0; c < 3; c++)
                        {
                            frame[layout.PlanarConfiguration == 1 ? (c * count) + i : (3 * i) + c] = black[c];
                        }
                    }
                }
            }

            return;
        }

        var blank = BlackWord(frame, layout);
        foreach (var box in boxes)
        {
            for (var y = box.Y; y < box.Bottom; y++)
            {
                if (layout.BitsAllocated == 8)
                {
                    frame.Slice((y * width) + box.X, box.Width).Fill((byte)blank);
                }
                else
                {
                    for (var x = box.X; x < box.Right; x++)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(frame[(2 * ((y * width) + x))..], blank);
                    }
                }
            }
        }
    }

    // The raw word (as stored, high bits included) of the pixel whose stored value shows blackest.
    private static ushort BlackWord(ReadOnlySpan<byte> frame, PixelLayout layout)
    {
        var count = layout.Rows * layout.Columns;
        var mask = (1 << layout.BitsStored) - 1;
        var signBit = 1 << (layout.BitsStored - 1);
        var brightest = layout.Photometric == "MONOCHROME1";
        var flipsWithSlope = layout.RescaleSlope < 0;
        var (best, bestRaw) = (0, (ushort)0);
        for (var i = 0; i < count; i++)
        {
            var raw = layout.BitsAllocated == 8 ? frame[i] : BinaryPrimitives.ReadUInt16LittleEndian(frame[(2 * i)..]);
            var v = raw & mask;
            var value = layout.IsSigned && (v & signBit) != 0 ? v - (mask + 1) : v;
            var darker = brightest ^ flipsWithSlope ? value > best : value < best;
            if (i == 0 || darker)
            {
                (best, bestRaw) = (value, raw);
            }
        }

        return bestRaw;
    }
}
