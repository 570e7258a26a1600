using System.Buffers;
using Hydra.Dicom.Redaction.Ocr;

namespace Hydra.Dicom.Redaction.Scanning;

/// <summary>
/// Reads one box of a plane with OCR: rendered, upscaled (bilinear) so small text reaches the 20-40 px Tesseract reads
/// best, padded, in both polarities. Returns the words in frame pixels; their text stays in memory only.
/// </summary>
internal static class CropReader
{
    private const int Pad = 12;

    public static List<RecognizedWord> Read(TextRecognizer recognizer, FramePlane plane, Box box, int scale, CancellationToken cancellationToken)
    {
        var source = ArrayPool<byte>.Shared.Rent(box.Width * box.Height);
        var (width, height) = ((box.Width * scale) + (2 * Pad), (box.Height * scale) + (2 * Pad));
        var image = ArrayPool<byte>.Shared.Rent(width * height);
        try
        {
            plane.Render(box, source);
            Upscale(source.AsSpan(0, box.Width * box.Height), box.Width, box.Height, scale, image.AsSpan(0, width * height), width);
            var words = new List<RecognizedWord>();
            for (var pass = 0; pass < 2; pass++)
            {
                if (pass == 1)
                {
                    Invert(image.AsSpan(0, width * height));
                }

                foreach (var w in recognizer.Recognize(new GrayImage(width, height, image), PageSegmentation.SparseText, cancellationToken))
                {
                    var x = box.X + Math.Max(0, (w.X - Pad) / scale);
                    var y = box.Y + Math.Max(0, (w.Y - Pad) / scale);
                    var right = Math.Min(box.Right, box.X + ((w.X + w.Width - Pad + scale - 1) / scale));
                    var bottom = Math.Min(box.Bottom, box.Y + ((w.Y + w.Height - Pad + scale - 1) / scale));
                    if (right > x && bottom > y)
                    {
                        words.Add(w with { X = x, Y = y, Width = right - x, Height = bottom - y });
                    }
                }
            }

            return words;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(source);
            ArrayPool<byte>.Shared.Return(image);
        }
    }

    // Bilinear x scale into the middle of target, the border filled with the source's edge mean (a neutral margin).
    private static void Upscale(ReadOnlySpan<byte> source, int width, int height, int scale, Span<byte> target, int targetWidth)
    {
        long sum = 0;
        for (var x = 0; x < width; x++)
        {
            sum += source[x] + source[((height - 1) * width) + x];
        }

        target.Fill((byte)(sum / (2 * width)));
        for (var ty = 0; ty < height * scale; ty++)
        {
            var fy = Math.Max(0, ((ty + 0.5) / scale) - 0.5);
            var y0 = Math.Min(height - 1, (int)fy);
            var y1 = Math.Min(height - 1, y0 + 1);
            var wy = fy - y0;
            var row = target.Slice(((ty + Pad) * targetWidth) + Pad, width * scale);
            for (var tx = 0; tx < width * scale; tx++)
            {
                var fx = Math.Max(0, ((tx + 0.5) / scale) - 0.5);
                var x0 = Math.Min(width - 1, (int)fx);
                var x1 = Math.Min(width - 1, x0 + 1);
                var wx = fx - x0;
                var top = (source[(y0 * width) + x0] * (1 - wx)) + (source[(y0 * width) + x1] * wx);
                var bottom = (source[(y1 * width) + x0] * (1 - wx)) + (source[(y1 * width) + x1] * wx);
                row[tx] = (byte)((top * (1 - wy)) + (bottom * wy) + 0.5);
            }
        }
    }

    private static void Invert(Span<byte> pixels)
    {
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(255 - pixels[i]);
        }
    }
}
