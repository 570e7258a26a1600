using System.Buffers;
using Hydra.Dicom.Redaction.Ocr;

namespace Hydra.Dicom.Redaction.Scanning;

/// <summary>
/// Reads one box of a plane with OCR: rendered, upscaled (bilinear) so small text reaches the 20-40 px Tesseract reads
/// best, padded, then binarised by a top-hat once for light and once for dark text (black ink on white, as Tesseract
/// wants): its own global threshold loses text over a background that changes across the box (anatomy, bands).
/// Returns the words in frame pixels; their text stays in memory only.
/// </summary>
internal static class CropReader
{
    private const int Pad = 12;

    // Strokes up to ~2 x 6 px wide (40 px bold text) survive the top-hat at the frame's own scale.
    private const int StrokeRadius = 6;

    public static List<RecognizedWord> Read(TextRecognizer recognizer, FramePlane plane, Box box, int scale, int contrast, CancellationToken cancellationToken)
    {
        var source = ArrayPool<byte>.Shared.Rent(box.Width * box.Height);
        var (width, height) = ((box.Width * scale) + (2 * Pad), (box.Height * scale) + (2 * Pad));
        var count = box.Width * box.Height;
        var image = ArrayPool<byte>.Shared.Rent(width * height);
        var filtered = ArrayPool<byte>.Shared.Rent(3 * count);
        try
        {
            plane.Render(box, source);
            var words = new List<RecognizedWord>();
            for (var pass = 0; pass < 2; pass++)
            {
                TopHat.Filter(source.AsSpan(0, count), box.Width, box.Height, StrokeRadius, lightInk: pass == 0, filtered.AsSpan(0, count), filtered.AsSpan(count, 2 * count));
                Upscale(filtered.AsSpan(0, count), box.Width, box.Height, scale, image.AsSpan(0, width * height), width);
                Threshold(image.AsSpan(0, width * height), contrast);
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
            ArrayPool<byte>.Shared.Return(filtered);
        }
    }

    // Dark ink on white for Tesseract: the top-hat inverted and stretched so the strongest 1% (the strokes, when there
    // is text) is black; top-hat below the contrast (texture, noise) is white.
    private static void Threshold(Span<byte> pixels, int contrast)
    {
        Span<int> histogram = stackalloc int[256];
        foreach (var v in pixels)
        {
            histogram[v]++;
        }

        var (top, seen) = (255, 0);
        while (top > 0 && (seen += histogram[top]) < pixels.Length / 100)
        {
            top--;
        }

        var low = Math.Min(contrast, top);
        var span = Math.Max(1, top - low);
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(255 - Math.Clamp((pixels[i] - low) * 255 / span, 0, 255));
        }
    }

    // Bilinear x scale into the middle of target, the border 0 (no ink).
    private static void Upscale(ReadOnlySpan<byte> source, int width, int height, int scale, Span<byte> target, int targetWidth)
    {
        target.Clear();
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
}
