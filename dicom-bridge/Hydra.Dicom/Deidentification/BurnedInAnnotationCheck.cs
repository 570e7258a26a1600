using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Decides from the header alone whether an image may carry identifying text in its pixels or a recognisable face
/// (E.3.2), and so must be quarantined: for images whose pixels no <see cref="IPixelCleaner"/> scans.
/// </summary>
internal static class BurnedInAnnotationCheck
{
    // Modalities whose images are commonly screen grabs or annotated by the device (PS3.3 C.7.3.1.1.1 defined terms).
    private static readonly HashSet<string> RiskyModalities = new(StringComparer.Ordinal) { "US", "SC", "OT", "XC", "ES", "GM", "DOC" };

    // Storage SOP classes (PS3.4 Table B.5-1) for secondary capture, ultrasound, visible light, video and documents.
    private static readonly string[] RiskySopClassPrefixes =
    [
        "1.2.840.10008.5.1.4.1.1.7",      // Secondary Capture family (.7, .7.1 to .7.4)
        "1.2.840.10008.5.1.4.1.1.6.",     // Ultrasound Image, Enhanced US Volume
        "1.2.840.10008.5.1.4.1.1.3.1",    // Ultrasound Multi-frame Image
        "1.2.840.10008.5.1.4.1.1.77.1",   // VL endoscopic, microscopic, slide, photographic, ophthalmic, video
        "1.2.840.10008.5.1.4.1.1.104.",   // Encapsulated PDF, CDA, STL, OBJ, MTL
    ];

    /// <summary>A face cannot be cleaned by blanking text (E.3.2): Recognizable Visual Features YES quarantines.</summary>
    public static QuarantineReason? CheckVisualFeatures(DicomDataset dataset) =>
        string.Equals(dataset.GetString(DicomTags.RecognizableVisualFeatures)?.Trim(), "YES", StringComparison.OrdinalIgnoreCase)
            ? new QuarantineReason(QuarantineCode.RecognizableVisualFeatures, "(0028,0302) Recognizable Visual Features is YES.")
            : null;

    public static QuarantineReason? Check(DicomDataset dataset, BurnedInAnnotationPolicy policy)
    {
        var burnedIn = dataset.GetString(DicomTags.BurnedInAnnotation)?.Trim();
        if (string.Equals(burnedIn, "YES", StringComparison.OrdinalIgnoreCase))
        {
            return new QuarantineReason(QuarantineCode.BurnedInAnnotation, "(0028,0301) Burned In Annotation is YES.");
        }

        if (CheckVisualFeatures(dataset) is { } features)
        {
            return features;
        }

        if (policy == BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes
            || string.Equals(burnedIn, "NO", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return RiskyKind(dataset) is { } why
            ? new QuarantineReason(QuarantineCode.BurnedInAnnotationRisk, $"(0028,0301) Burned In Annotation is not NO and {why}.")
            : null;
    }

    private static string? RiskyKind(DicomDataset dataset)
    {
        if (dataset.GetString(DicomTags.Modality)?.Trim() is { } modality && RiskyModalities.Contains(modality))
        {
            return $"(0008,0060) Modality is {modality}";
        }

        var sopClass = dataset.GetString(DicomTags.SOPClassUID)?.Trim() ?? string.Empty;
        if (RiskySopClassPrefixes.FirstOrDefault(prefix => sopClass.StartsWith(prefix, StringComparison.Ordinal)) is { } match)
        {
            // Only the matched prefix is quoted: whatever follows it is the file's text, not ours.
            return $"(0008,0016) SOP Class UID starts with {match}";
        }

        var imageType = dataset.GetStrings(DicomTags.ImageType);
        return imageType.Any(value => value.Trim() is "SCREEN" or "SAVE")
            ? "(0008,0008) Image Type marks a screen capture"
            : null;
    }
}
