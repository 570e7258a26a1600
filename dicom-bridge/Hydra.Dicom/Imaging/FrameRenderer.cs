using System.Buffers.Binary;
using System.Globalization;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Imaging;

/// <summary>
/// Renders one native frame to 8 bits for display: MONOCHROME1/2 of 8 or 16 bits allocated, signed or unsigned, through
/// the rescale (Modality LUT, PS3.3 C.11.1) and a window (VOI LUT, C.11.2), MONOCHROME1 inverted; RGB of 8 bits,
/// interleaved or planar, as it is, and YBR_FULL of 8 bits turned into RGB. Anything else is refused with a <see cref="DicomImagingException"/> naming it.
/// </summary>
public static class FrameRenderer
{
    /// <summary>
    /// Frame <paramref name="number"/> (from 1) of <paramref name="frames"/> through <paramref name="window"/>, or, when
    /// null, through a window spanning the frame's own range of modality values.
    /// </summary>
    public static RenderedFrame Render(PixelFrames frames, int number, VoiWindow? window)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var layout = frames.Layout;
        var pixels = frames.Frame(number).Span;
        return layout.Photometric switch
        {
            "MONOCHROME1" or "MONOCHROME2" when layout.SamplesPerPixel == 1 && layout.BitsAllocated is 8 or 16 =>
                Grey(layout, pixels, window),
            "RGB" when layout.SamplesPerPixel == 3 && layout.BitsAllocated == 8 => Rgb(layout, pixels),
            "YBR_FULL" when layout.SamplesPerPixel == 3 && layout.BitsAllocated == 8 => YbrFullToRgb(Rgb(layout, pixels)),
            _ => throw new DicomImagingException(string.Create(CultureInfo.InvariantCulture,
                $"Photometric interpretation {layout.Photometric} with {layout.SamplesPerPixel} samples of {layout.BitsAllocated} bits is not rendered here; MONOCHROME1 and MONOCHROME2 (8 or 16 bits), RGB and YBR_FULL (8 bits) are.")),
        };
    }

    /// <summary>
    /// The window <paramref name="dataset"/> recommends: the first Window Center and Width (0028,1050/1051) with its
    /// VOI LUT Function (SIGMOID, else linear); null when it has none.
    /// </summary>
    public static VoiWindow? DatasetWindow(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!dataset.TryGetNumber<double>(DicomTags.WindowCenter, out var center) || !dataset.TryGetNumber<double>(DicomTags.WindowWidth, out var width) || width < 1)
        {
            return null;
        }

        var function = string.Equals(dataset.GetString(DicomTags.VOILUTFunction)?.Trim(), "SIGMOID", StringComparison.Ordinal) ? VoiFunction.Sigmoid : VoiFunction.Linear;
        return new VoiWindow(center, width, function);
    }

    private static RenderedFrame Grey(PixelLayout layout, ReadOnlySpan<byte> pixels, VoiWindow? window)
    {
        // Every stored value maps through one table: 2^8 or 2^16 entries, computed once per frame.
        var count = layout.Rows * layout.Columns;
        var raw = new int[count];
        var (min, max) = (int.MaxValue, int.MinValue);
        for (var i = 0; i < count; i++)
        {
            var stored = layout.StoredValue(layout.BitsAllocated == 8 ? pixels[i] : BinaryPrimitives.ReadUInt16LittleEndian(pixels[(2 * i)..]));
            raw[i] = stored;
            (min, max) = (Math.Min(min, stored), Math.Max(max, stored));
        }

        var chosen = window ?? layout.SpanningWindow(min, max);
        var offset = layout.IsSigned ? 1 << (layout.BitsStored - 1) : 0;
        var table = new byte[1 << layout.BitsStored];
        for (var stored = -offset; stored < table.Length - offset; stored++)
        {
            table[stored + offset] = layout.Display(chosen, stored);
        }

        var output = new byte[count];
        for (var i = 0; i < count; i++)
        {
            output[i] = table[raw[i] + offset];
        }

        return new RenderedFrame(layout.Columns, layout.Rows, 1, output);
    }

    // YBR_FULL (PS3.3 C.7.6.3.1.2): full-range Y, Cb, Cr of ITU-R BT.601, turned into RGB in place.
    private static RenderedFrame YbrFullToRgb(RenderedFrame frame)
    {
        var pixels = frame.Pixels;
        for (var i = 0; i < pixels.Length; i += 3)
        {
            var (y, cb, cr) = (pixels[i], pixels[i + 1] - 128.0, pixels[i + 2] - 128.0);
            pixels[i] = Clamp(y + (1.402 * cr));
            pixels[i + 1] = Clamp(y - (0.344136 * cb) - (0.714136 * cr));
            pixels[i + 2] = Clamp(y + (1.772 * cb));
        }

        return frame;
    }

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);

    private static RenderedFrame Rgb(PixelLayout layout, ReadOnlySpan<byte> pixels)
    {
        var count = layout.Rows * layout.Columns;
        var output = new byte[count * 3];
        if (layout.PlanarConfiguration == 0)
        {
            pixels[..output.Length].CopyTo(output);
        }
        else
        {
            // Planar (C.7.6.3.1.3): all red, then all green, then all blue.
            for (var i = 0; i < count; i++)
            {
                output[3 * i] = pixels[i];
                output[(3 * i) + 1] = pixels[count + i];
                output[(3 * i) + 2] = pixels[(2 * count) + i];
            }
        }

        return new RenderedFrame(layout.Columns, layout.Rows, 3, output);
    }
}
