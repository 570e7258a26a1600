using Hydra.Dicom.Imaging;
using SkiaSharp;

namespace Hydra.Bridge.DicomWeb.Rendering;

/// <summary>Encodes a rendered frame as PNG (lossless) or JPEG with Skia: grey frames as 8-bit grey, colour as RGB.</summary>
internal static class ImageEncoder
{
    /// <summary>The default JPEG quality when the request names none (PS3.18 8.3.5.1.2 leaves it to the server).</summary>
    public const int DefaultQuality = 90;

    public static byte[] Encode(RenderedFrame frame, string mediaType, int quality)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var format = mediaType == DicomWebMedia.Jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png;
        using var bitmap = frame.Channels == 1 ? Grey(frame) : Colour(frame);
        using var data = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"Skia could not encode a {frame.Width}x{frame.Height} {mediaType}.");
        return data.ToArray();
    }

    private static SKBitmap Grey(RenderedFrame frame)
    {
        var bitmap = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        Copy(frame.Pixels, bitmap, frame.Width, frame.Height, 1);
        return bitmap;
    }

    private static SKBitmap Colour(RenderedFrame frame)
    {
        // Skia has no packed 24-bit type: RGBA with alpha 255.
        var rgba = new byte[frame.Width * frame.Height * 4];
        for (int i = 0, o = 0; i < frame.Pixels.Length; i += 3, o += 4)
        {
            rgba[o] = frame.Pixels[i];
            rgba[o + 1] = frame.Pixels[i + 1];
            rgba[o + 2] = frame.Pixels[i + 2];
            rgba[o + 3] = 255;
        }

        var bitmap = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Copy(rgba, bitmap, frame.Width, frame.Height, 4);
        return bitmap;
    }

    private static void Copy(byte[] pixels, SKBitmap bitmap, int width, int height, int bytesPerPixel)
    {
        // Rows may be padded (RowBytes): copy row by row through the pixel span.
        var destination = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < height; y++)
        {
            pixels.AsSpan(y * width * bytesPerPixel, width * bytesPerPixel).CopyTo(destination[(y * rowBytes)..]);
        }
    }
}
