using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Redaction.Devices;

/// <summary>
/// Rectangles a device is known to burn text into (as RSNA CTP's pixel anonymizer scripts): they apply to an image
/// whose Manufacturer, Manufacturer's Model Name and Modality contain the given text (case-insensitive; null matches
/// anything) and whose Rows and Columns are the given ones (null: any size). They are blanked before OCR.
/// </summary>
public sealed class DeviceRegionRule
{
    public string? Manufacturer { get; set; }

    public string? Model { get; set; }

    public string? Modality { get; set; }

    public int? Rows { get; set; }

    public int? Columns { get; set; }

    /// <summary>The rectangles, in pixels of each frame (clipped to the frame).</summary>
    public IList<DeviceRectangle> Regions { get; set; } = [];

    /// <summary>True when this rule is for <paramref name="dataset"/>.</summary>
    public bool Matches(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Has(dataset, DicomTags.Manufacturer, Manufacturer)
            && Has(dataset, DicomTags.ManufacturerModelName, Model)
            && Has(dataset, DicomTags.Modality, Modality)
            && (Rows is null || (dataset.TryGetNumber<int>(DicomTags.Rows, out var rows) && rows == Rows))
            && (Columns is null || (dataset.TryGetNumber<int>(DicomTags.Columns, out var columns) && columns == Columns));
    }

    internal void Validate(string name)
    {
        if (Regions is null || Regions.Count == 0 || Regions.Any(r => r is null || r.Width < 1 || r.Height < 1 || r.X < 0 || r.Y < 0))
        {
            throw new ArgumentException($"PixelCleaning:{name}:Regions must list rectangles with X, Y >= 0 and Width, Height >= 1.", name);
        }

        if (Rows is < 1 || Columns is < 1)
        {
            throw new ArgumentException($"PixelCleaning:{name}: Rows and Columns, when given, must be at least 1.", name);
        }
    }

    private static bool Has(DicomDataset dataset, DicomTag tag, string? expected) =>
        expected is null || (dataset.GetString(tag) ?? string.Empty).Contains(expected, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A rectangle of a <see cref="DeviceRegionRule"/>, in pixels (origin top left).</summary>
public sealed class DeviceRectangle
{
    public int X { get; set; }

    public int Y { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }
}
