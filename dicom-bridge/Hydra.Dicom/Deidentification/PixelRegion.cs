namespace Hydra.Dicom.Deidentification;

/// <summary>Which layer of pixel cleaning blanked a region.</summary>
public enum PixelRegionSource
{
    /// <summary>A rectangle configured for the device (manufacturer, model, modality, image size), applied before OCR.</summary>
    DeviceRegion,

    /// <summary>Text that OCR recognised, with the cleaning margin around it.</summary>
    RecognizedText,
}

/// <summary>
/// One blanked rectangle of one frame, in pixels of that frame (origin top left, as (0028,0010) Rows and (0028,0011)
/// Columns count them). It records where, never what: the text that was there is not kept anywhere.
/// </summary>
/// <param name="Frame">The frame, counted from 1 as PS3.3 C.7.6.6 does.</param>
public readonly record struct PixelRegion(int Frame, int X, int Y, int Width, int Height, PixelRegionSource Source)
{
    /// <summary>The region's area in pixels.</summary>
    public long Area => (long)Width * Height;
}
