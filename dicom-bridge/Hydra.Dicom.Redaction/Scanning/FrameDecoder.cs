using System.Buffers;
using System.Globalization;
using Hydra.Dicom.Imaging;

namespace Hydra.Dicom.Redaction.Scanning;

/// <summary>
/// Turns one native frame into the planes the scanner reads: grey 16-bit as stored (see <see cref="FramePlane"/>), grey
/// 8-bit rendered through its window, colour (RGB, YBR_FULL; interleaved or planar) as luminance and as chroma, so
/// coloured text on a background of the same luminance still shows. Anything else is not scanned.
/// </summary>
internal static class FrameDecoder
{
    /// <summary>Why frames of <paramref name="layout"/> cannot be scanned here, or null when they can.</summary>
    public static string? Unsupported(PixelLayout layout)
    {
        var supported = layout.Photometric switch
        {
            "MONOCHROME1" or "MONOCHROME2" => layout.SamplesPerPixel == 1 && layout.BitsAllocated is 8 or 16,
            "RGB" or "YBR_FULL" => layout.SamplesPerPixel == 3 && layout.BitsAllocated == 8,
            _ => false,
        };
        return supported ? null : string.Create(CultureInfo.InvariantCulture,
            $"Photometric interpretation {layout.Photometric} with {layout.SamplesPerPixel} samples of {layout.BitsAllocated} bits is not scanned for burned-in text; MONOCHROME1/2 (8 or 16 bits), RGB and YBR_FULL (8 bits) are.");
    }

    /// <summary>The planes of one frame; the caller disposes them.</summary>
    public static FramePlane[] Decode(PixelLayout layout, ReadOnlyMemory<byte> frame, VoiWindow? window, int minimumContrast)
    {
        if (layout.SamplesPerPixel == 1)
        {
            return layout.BitsAllocated == 16
                ? [FramePlane.Stored16(layout, frame, window, minimumContrast)]
                : [Grey8(layout, frame.Span, window)];
        }

        return Colour(layout, frame.Span);
    }

    private static FramePlane Grey8(PixelLayout layout, ReadOnlySpan<byte> frame, VoiWindow? window)
    {
        var count = layout.Rows * layout.Columns;
        Span<int> values = stackalloc int[256];
        var (min, max) = (int.MaxValue, int.MinValue);
        for (var raw = 0; raw < 256; raw++)
        {
            values[raw] = layout.StoredValue(raw);
        }

        if (window is null)
        {
            foreach (var raw in frame[..count])
            {
                (min, max) = (Math.Min(min, values[raw]), Math.Max(max, values[raw]));
            }
        }

        var chosen = window ?? layout.SpanningWindow(min, max);
        Span<byte> table = stackalloc byte[256];
        for (var raw = 0; raw < 256; raw++)
        {
            table[raw] = layout.Display(chosen, values[raw]);
        }

        var output = ArrayPool<byte>.Shared.Rent(count);
        for (var i = 0; i < count; i++)
        {
            output[i] = table[frame[i]];
        }

        return FramePlane.Rendered(layout.Columns, layout.Rows, output);
    }

    private static FramePlane[] Colour(PixelLayout layout, ReadOnlySpan<byte> frame)
    {
        var count = layout.Rows * layout.Columns;
        var luma = ArrayPool<byte>.Shared.Rent(count);
        var chroma = ArrayPool<byte>.Shared.Rent(count);
        var ybr = layout.Photometric == "YBR_FULL";
        var planar = layout.PlanarConfiguration == 1;
        for (var i = 0; i < count; i++)
        {
            var (p, q, r) = planar ? (frame[i], frame[count + i], frame[(2 * count) + i]) : (frame[3 * i], frame[(3 * i) + 1], frame[(3 * i) + 2]);
            if (ybr)
            {
                // YBR_FULL (PS3.3 C.7.6.3.1.2): Y is luminance; chroma is how far Cb or Cr is from neutral.
                luma[i] = p;
                chroma[i] = (byte)Math.Min(255, 2 * Math.Max(Math.Abs(q - 128), Math.Abs(r - 128)));
            }
            else
            {
                luma[i] = (byte)(((77 * p) + (150 * q) + (29 * r) + 128) >> 8);
                chroma[i] = (byte)(Math.Max(p, Math.Max(q, r)) - Math.Min(p, Math.Min(q, r)));
            }
        }

        return [FramePlane.Rendered(layout.Columns, layout.Rows, luma), FramePlane.Rendered(layout.Columns, layout.Rows, chroma)];
    }
}
