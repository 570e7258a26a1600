namespace Hydra.Dicom.Deidentification;

/// <summary>
/// When an image whose pixels are not scanned goes to quarantine for text that may be burned into them: every image
/// when the de-identifier has no <see cref="IPixelCleaner"/>, and, when it has one, images without Pixel Data (an
/// encapsulated document) or whose pixels it cannot scan (compressed in a syntax not decoded here). Burned In
/// Annotation (0028,0301) = YES always quarantines an unscanned image, whatever the policy.
/// </summary>
public enum BurnedInAnnotationPolicy
{
    /// <summary>
    /// Also quarantine when (0028,0301) is absent or empty and the image is of a kind known for burned-in text:
    /// modalities US, SC, OT, XC, ES, GM, DOC, secondary capture, ultrasound, visible light, video and encapsulated
    /// document SOP classes, or Image Type SCREEN/SAVE. Only an explicit "NO" lets such an image through. The default.
    /// </summary>
    QuarantineUnlessMarkedNo,

    /// <summary>
    /// Quarantine only when (0028,0301) is YES: for sources known to never burn in text. Pixels a cleaner cannot scan
    /// then go out unscanned, and the image does not claim Clean Pixel Data.
    /// </summary>
    QuarantineOnlyWhenMarkedYes,
}
