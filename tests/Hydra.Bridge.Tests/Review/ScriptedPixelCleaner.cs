using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Bridge.Tests.Review;

/// <summary>
/// A deterministic stand-in for the OCR cleaner (OCR itself is tested in Hydra.Dicom.Redaction.Tests): images of
/// modality OT get <see cref="Blanked"/> blanked in frame 1; images of modality XC are quarantined as
/// <see cref="QuarantineCode.TextBeyondPolicy"/> with <see cref="Found"/>; everything else has nothing found.
/// Works on 8-bit native pixels, as the review images of these tests are.
/// </summary>
internal sealed class ScriptedPixelCleaner : IPixelCleaner
{
    public static readonly PixelRegion Blanked = new(1, 100, 40, 200, 60, PixelRegionSource.RecognizedText);

    public static readonly PixelRegion[] Found =
    [
        new(1, 20, 300, 120, 40, PixelRegionSource.RecognizedText),
        new(1, 300, 20, 180, 30, PixelRegionSource.DeviceRegion),
    ];

    public PixelCleaning Clean(DicomFile original, CancellationToken cancellationToken)
    {
        var dataset = original.Dataset;
        var frames = dataset.TryGetNumber<int>(DicomTags.NumberOfFrames, out var count) && count > 0 ? count : 1;
        switch (dataset.GetString(DicomTags.Modality))
        {
            case "OT":
                var columns = dataset.GetNumber<ushort>(DicomTags.Columns);
                var pixels = dataset.GetBytes(DicomTags.PixelData).ToArray();
                for (var y = Blanked.Y; y < Blanked.Y + Blanked.Height; y++)
                {
                    pixels.AsSpan((y * columns) + Blanked.X, Blanked.Width).Clear();
                }

                return PixelCleaning.Redacted(frames, pixels, [Blanked]);
            case "XC":
                return PixelCleaning.Quarantined(new QuarantineReason(QuarantineCode.TextBeyondPolicy, "text covers more than the policy blanks"), Found);
            default:
                return PixelCleaning.NothingFound(frames);
        }
    }
}
