namespace Hydra.Dicom.Imaging;

/// <summary>Scales a rendered frame to fit a viewport, keeping its aspect ratio: box averaging to shrink, nearest pixel to enlarge.</summary>
public static class FrameScaler
{
    /// <summary>
    /// <paramref name="frame"/> scaled to the largest size within <paramref name="maxWidth"/> x <paramref name="maxHeight"/>;
    /// with <paramref name="enlarge"/> false a frame that already fits is returned as it is.
    /// </summary>
    public static RenderedFrame Fit(RenderedFrame frame, int maxWidth, int maxHeight, bool enlarge = true)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeight, 1);
        var scale = Math.Min((double)maxWidth / frame.Width, (double)maxHeight / frame.Height);
        if (!enlarge && scale >= 1)
        {
            return frame;
        }

        var width = Math.Clamp((int)Math.Round(frame.Width * scale), 1, maxWidth);
        var height = Math.Clamp((int)Math.Round(frame.Height * scale), 1, maxHeight);
        return width == frame.Width && height == frame.Height ? frame : Resize(frame, width, height);
    }

    private static RenderedFrame Resize(RenderedFrame frame, int width, int height)
    {
        var channels = frame.Channels;
        var output = new byte[width * height * channels];
        var sums = new int[channels];
        for (var y = 0; y < height; y++)
        {
            var (y0, y1) = Span(y, height, frame.Height);
            for (var x = 0; x < width; x++)
            {
                var (x0, x1) = Span(x, width, frame.Width);
                Array.Clear(sums);
                for (var sy = y0; sy < y1; sy++)
                {
                    for (var sx = x0; sx < x1; sx++)
                    {
                        var at = ((sy * frame.Width) + sx) * channels;
                        for (var c = 0; c < channels; c++)
                        {
                            sums[c] += frame.Pixels[at + c];
                        }
                    }
                }

                var n = (y1 - y0) * (x1 - x0);
                for (var c = 0; c < channels; c++)
                {
                    output[(((y * width) + x) * channels) + c] = (byte)((sums[c] + (n / 2)) / n);
                }
            }
        }

        return new RenderedFrame(width, height, channels, output);
    }

    // The source pixels [start, end) behind destination pixel i of n, at least one.
    private static (int Start, int End) Span(int i, int n, int source)
    {
        var start = (int)((long)i * source / n);
        var end = (int)((long)(i + 1) * source / n);
        return (Math.Min(start, source - 1), Math.Max(end, Math.Min(start, source - 1) + 1));
    }
}
