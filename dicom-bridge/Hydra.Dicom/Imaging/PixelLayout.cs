using System.Globalization;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Imaging;

/// <summary>
/// The Image Pixel module of a data set (PS3.3 C.7.6.3) as far as cutting native pixel data into frames needs it, and
/// the Modality LUT's rescale (PS3.3 C.11.1).
/// </summary>
public sealed record PixelLayout(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    bool IsSigned,
    string Photometric,
    int PlanarConfiguration,
    int NumberOfFrames,
    double RescaleSlope,
    double RescaleIntercept)
{
    /// <summary>Bytes of one native frame (PS3.5 8.1.1): rows x columns x samples x bits allocated / 8.</summary>
    public long FrameLength => (long)Rows * Columns * SamplesPerPixel * BitsAllocated / 8;

    /// <summary>The stored value (PS3.3 C.7.6.3.1.4) whose bits are <paramref name="bits"/>: masked to Bits Stored and sign-extended when signed.</summary>
    public int StoredValue(int bits)
    {
        var mask = (1 << BitsStored) - 1;
        var value = bits & mask;
        return IsSigned && (value & (1 << (BitsStored - 1))) != 0 ? value - (mask + 1) : value;
    }

    /// <summary>The window spanning the modality values of stored values <paramref name="minStored"/> to <paramref name="maxStored"/> (a negative slope swaps them).</summary>
    public VoiWindow SpanningWindow(int minStored, int maxStored)
    {
        var (a, b) = ((minStored * RescaleSlope) + RescaleIntercept, (maxStored * RescaleSlope) + RescaleIntercept);
        return VoiWindow.Spanning(Math.Min(a, b), Math.Max(a, b));
    }

    /// <summary>The 8-bit display value of stored value <paramref name="stored"/> through the Modality LUT and <paramref name="window"/>; MONOCHROME1 inverted.</summary>
    public byte Display(VoiWindow window, int stored)
    {
        var y = window.Apply((stored * RescaleSlope) + RescaleIntercept);
        return Photometric == "MONOCHROME1" ? (byte)(255 - y) : y;
    }

    /// <summary>Reads the layout of <paramref name="dataset"/>; throws <see cref="DicomImagingException"/> naming a missing or impossible attribute.</summary>
    public static PixelLayout Of(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var rows = Required(dataset, DicomTags.Rows, nameof(Rows));
        var columns = Required(dataset, DicomTags.Columns, nameof(Columns));
        var samples = Required(dataset, DicomTags.SamplesPerPixel, "SamplesPerPixel");
        var allocated = Required(dataset, DicomTags.BitsAllocated, nameof(BitsAllocated));
        var stored = dataset.TryGetNumber<int>(DicomTags.BitsStored, out var s) ? s : allocated;
        var frames = dataset.TryGetNumber<int>(DicomTags.NumberOfFrames, out var f) ? f : 1;
        if (rows <= 0 || columns <= 0 || samples <= 0 || allocated <= 0 || allocated % 8 != 0 || stored <= 0 || stored > allocated || frames <= 0)
        {
            throw new DicomImagingException(string.Create(CultureInfo.InvariantCulture,
                $"The image pixel attributes are not usable here (rows {rows}, columns {columns}, samples {samples}, bits allocated {allocated}, bits stored {stored}, frames {frames}): bits allocated must be a multiple of 8."));
        }

        return new PixelLayout(
            rows, columns, samples, allocated, stored,
            dataset.TryGetNumber<int>(DicomTags.PixelRepresentation, out var representation) && representation == 1,
            dataset.GetString(DicomTags.PhotometricInterpretation)?.Trim() ?? "MONOCHROME2",
            dataset.TryGetNumber<int>(DicomTags.PlanarConfiguration, out var planar) ? planar : 0,
            frames,
            dataset.TryGetNumber<double>(DicomTags.RescaleSlope, out var slope) && slope != 0 ? slope : 1,
            dataset.TryGetNumber<double>(DicomTags.RescaleIntercept, out var intercept) ? intercept : 0);
    }

    private static int Required(DicomDataset dataset, DicomTag tag, string name) =>
        dataset.TryGetNumber<int>(tag, out var value) ? value : throw new DicomImagingException($"The data set has no {name} ({tag}).");
}
