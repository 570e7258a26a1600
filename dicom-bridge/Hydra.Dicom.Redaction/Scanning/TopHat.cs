namespace Hydra.Dicom.Redaction.Scanning;

/// <summary>
/// Morphological top-hat (a square structuring element, separable min and max filters): what is brighter (light ink)
/// or darker (dark ink) than its surroundings and thinner than the element. Strokes of text stay, organs, bands and
/// boxes wider than the element vanish, so a threshold afterwards leaves text alone on a clean background.
/// </summary>
internal static class TopHat
{
    /// <summary>
    /// Writes <c>v - open(v)</c> (light ink) or <c>close(v) - v</c> (dark ink) of <paramref name="pixels"/> into
    /// <paramref name="output"/>; <paramref name="scratch"/> holds two more images of the same size.
    /// </summary>
    public static void Filter(ReadOnlySpan<byte> pixels, int width, int height, int radius, bool lightInk, Span<byte> output, Span<byte> scratch)
    {
        var count = width * height;
        var a = scratch[..count];
        var b = scratch.Slice(count, count);

        // Opening = erode then dilate; closing = dilate then erode.
        Pass(pixels, a, width, height, radius, horizontal: true, minimum: lightInk);
        Pass(a, b, width, height, radius, horizontal: false, minimum: lightInk);
        Pass(b, a, width, height, radius, horizontal: true, minimum: !lightInk);
        Pass(a, b, width, height, radius, horizontal: false, minimum: !lightInk);
        for (var i = 0; i < count; i++)
        {
            output[i] = (byte)(lightInk ? pixels[i] - b[i] : b[i] - pixels[i]);
        }
    }

    private static void Pass(ReadOnlySpan<byte> source, Span<byte> target, int width, int height, int radius, bool horizontal, bool minimum)
    {
        var (lines, length) = horizontal ? (height, width) : (width, height);
        var (step, lineStep) = horizontal ? (1, width) : (width, 1);
        for (var line = 0; line < lines; line++)
        {
            var start = line * lineStep;
            for (var i = 0; i < length; i++)
            {
                var (from, to) = (Math.Max(0, i - radius), Math.Min(length - 1, i + radius));
                var best = source[start + (from * step)];
                for (var j = from + 1; j <= to; j++)
                {
                    var v = source[start + (j * step)];
                    best = minimum ? Math.Min(best, v) : Math.Max(best, v);
                }

                target[start + (i * step)] = best;
            }
        }
    }
}
