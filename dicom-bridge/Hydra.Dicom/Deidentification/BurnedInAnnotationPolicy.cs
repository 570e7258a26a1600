namespace Hydra.Dicom.Deidentification;

/// <summary>
/// When an image goes to quarantine for text that may be burned into its pixels (the de-identifier never cleans
/// pixels). Burned In Annotation (0028,0301) = YES always quarantines, whatever the policy.
/// </summary>
public enum BurnedInAnnotationPolicy
{
    /// <summary>
    /// Also quarantine when (0028,0301) is absent or empty and the image is of a kind known for burned-in text:
    /// modalities US, SC, OT, XC, ES, GM, DOC, secondary capture, ultrasound, visible light, video and encapsulated
    /// document SOP classes, or Image Type SCREEN/SAVE. Only an explicit "NO" lets such an image through. The default.
    /// </summary>
    QuarantineUnlessMarkedNo,

    /// <summary>Quarantine only when (0028,0301) is YES: for sources known to never burn in text.</summary>
    QuarantineOnlyWhenMarkedYes,
}
