using System.Globalization;

namespace Hydra.Dicom.Redaction.Ocr;

/// <summary>An 8-bit greyscale image, rows top to bottom, <see cref="Width"/> bytes per row with no padding.</summary>
public sealed record GrayImage
{
    public GrayImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length < (long)width * height)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"A {width}x{height} image needs {(long)width * height} bytes; {pixels.Length} were given."), nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }
}
