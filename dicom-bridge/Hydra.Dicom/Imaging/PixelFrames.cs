using System.Globalization;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Imaging;

/// <summary>
/// The frames of native (uncompressed) Pixel Data (PS3.5 8.1.1), as slices of the element's value: frame n starts at
/// (n - 1) x <see cref="PixelLayout.FrameLength"/>. Encapsulated pixel data is refused, naming its transfer syntax.
/// </summary>
public sealed class PixelFrames
{
    private readonly ReadOnlyMemory<byte> _pixels;

    private PixelFrames(PixelLayout layout, ReadOnlyMemory<byte> pixels)
    {
        Layout = layout;
        _pixels = pixels;
    }

    public PixelLayout Layout { get; }

    /// <summary>How many frames the data holds.</summary>
    public int Count => Layout.NumberOfFrames;

    /// <summary>
    /// The frames of <paramref name="file"/>'s Pixel Data; throws <see cref="DicomImagingException"/> when there is
    /// none, when it is encapsulated (compressed), or when it is shorter than its attributes say.
    /// </summary>
    public static PixelFrames Of(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var element = file.Dataset[DicomTags.PixelData];
        if (element is null)
        {
            throw new DicomImagingException("The instance has no Pixel Data (7FE0,0010).");
        }

        if (element is not DicomValueElement native)
        {
            throw new DicomImagingException($"The Pixel Data is encapsulated in {file.TransferSyntax}; only native (uncompressed) pixel data is cut into frames or rendered here.");
        }

        var layout = PixelLayout.Of(file.Dataset);
        var needed = layout.FrameLength * layout.NumberOfFrames;
        if (native.Value.Length < needed)
        {
            throw new DicomImagingException(string.Create(CultureInfo.InvariantCulture,
                $"The Pixel Data holds {native.Value.Length} bytes; {layout.NumberOfFrames} frames of {layout.Rows}x{layout.Columns}x{layout.SamplesPerPixel} at {layout.BitsAllocated} bits need {needed}."));
        }

        return new PixelFrames(layout, native.Value);
    }

    /// <summary>Frame <paramref name="number"/>, counted from 1 as PS3.18 does.</summary>
    public ReadOnlyMemory<byte> Frame(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, Count);
        var length = (int)Layout.FrameLength;
        return _pixels.Slice((number - 1) * length, length);
    }
}
