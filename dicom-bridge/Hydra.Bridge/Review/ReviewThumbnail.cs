using Hydra.Bridge.DicomWeb;
using Hydra.Bridge.DicomWeb.Rendering;
using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Imaging;
using SkiaSharp;

namespace Hydra.Bridge.Review;

/// <summary>
/// The officer's view of one image: the frame with the most regions (frame 1 when there are none; the lowest on a tie),
/// rendered as WADO-RS renders, fitted within <see cref="MaxSide"/> pixels, with each region of that frame outlined in
/// red, as PNG. Native pixels are rendered by Hydra.Dicom; JPEG-compressed ones are decoded by Skia.
/// </summary>
internal static class ReviewThumbnail
{
    /// <summary>Largest side of a thumbnail: enough to judge where text was, small enough to list many.</summary>
    public const int MaxSide = 256;

    private static readonly byte[] Outline = [255, 0, 0];

    /// <summary>The frame shown for <paramref name="regions"/>: the one with most regions, the lowest on a tie, else 1.</summary>
    public static int FrameOf(IReadOnlyList<PixelRegion> regions) =>
        regions.Count == 0 ? 1 : regions.GroupBy(r => r.Frame).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;

    /// <exception cref="DicomImagingException">The pixels cannot be rendered here (a photometric or compression not supported).</exception>
    public static byte[] Render(DicomFile file, IReadOnlyList<PixelRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(regions);
        var number = FrameOf(regions);
        var full = file.Dataset[DicomTags.PixelData] is DicomFragmentSequence fragments
            ? Decode(fragments, number, file.Dataset)
            : FrameRenderer.Render(PixelFrames.Of(file), number, FrameRenderer.DatasetWindow(file.Dataset));
        var fitted = Rgb(FrameScaler.Fit(full, MaxSide, MaxSide, enlarge: false));
        var scaleX = (double)fitted.Width / full.Width;
        var scaleY = (double)fitted.Height / full.Height;
        foreach (var region in regions.Where(r => r.Frame == number))
        {
            Draw(fitted, (int)(region.X * scaleX), (int)(region.Y * scaleY),
                (int)Math.Ceiling((region.X + region.Width) * scaleX) - 1, (int)Math.Ceiling((region.Y + region.Height) * scaleY) - 1);
        }

        return ImageEncoder.Encode(fitted, DicomWebMedia.Png, ImageEncoder.DefaultQuality);
    }

    // A 1-pixel rectangle from (x0, y0) to (x1, y1) inclusive, clipped to the frame.
    private static void Draw(RenderedFrame frame, int x0, int y0, int x1, int y1)
    {
        x1 = Math.Min(x1, frame.Width - 1);
        y1 = Math.Min(y1, frame.Height - 1);
        for (var x = Math.Max(x0, 0); x <= x1; x++)
        {
            Set(frame, x, y0);
            Set(frame, x, y1);
        }

        for (var y = Math.Max(y0, 0); y <= y1; y++)
        {
            Set(frame, x0, y);
            Set(frame, x1, y);
        }
    }

    private static void Set(RenderedFrame frame, int x, int y)
    {
        if (x >= 0 && y >= 0 && x < frame.Width && y < frame.Height)
        {
            Outline.CopyTo(frame.Pixels.AsSpan(((y * frame.Width) + x) * 3, 3));
        }
    }

    private static RenderedFrame Rgb(RenderedFrame frame)
    {
        if (frame.Channels == 3)
        {
            return frame with { Pixels = [.. frame.Pixels] };
        }

        var rgb = new byte[frame.Width * frame.Height * 3];
        for (var i = 0; i < frame.Pixels.Length; i++)
        {
            rgb[i * 3] = rgb[(i * 3) + 1] = rgb[(i * 3) + 2] = frame.Pixels[i];
        }

        return new RenderedFrame(frame.Width, frame.Height, 3, rgb);
    }

    // Compressed originals (JPEG baseline and extended, what modalities with burned-in text mostly send): one frame
    // is all fragments of a single-frame image, or fragment n of a multi-frame image with one fragment per frame.
    private static RenderedFrame Decode(DicomFragmentSequence fragments, int number, DicomDataset dataset)
    {
        var frames = dataset.TryGetNumber<int>(DicomTags.NumberOfFrames, out var count) && count > 1 ? count : 1;
        byte[] data = frames == 1 ? [.. fragments.Fragments.SelectMany(f => f.ToArray())]
            : fragments.Fragments.Count == frames ? fragments.Fragments[number - 1].ToArray()
            : throw new DicomImagingException("The compressed frames are not one fragment each; this frame cannot be found without an offset table walk.");
        using var codec = SKCodec.Create(new SKMemoryStream(data))
            ?? throw new DicomImagingException("The compressed pixel data is not in a format decoded here (JPEG).");
        using var bitmap = SKBitmap.Decode(codec, new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Opaque))
            ?? throw new DicomImagingException("The compressed pixel data could not be decoded.");
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        var source = bitmap.GetPixelSpan();
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                source.Slice((y * bitmap.RowBytes) + (x * 4), 3).CopyTo(rgb.AsSpan(((y * bitmap.Width) + x) * 3));
            }
        }

        return new RenderedFrame(bitmap.Width, bitmap.Height, 3, rgb);
    }
}
