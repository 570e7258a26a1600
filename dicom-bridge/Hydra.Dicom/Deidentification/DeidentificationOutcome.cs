namespace Hydra.Dicom.Deidentification;

/// <summary>The two ways an image leaves the de-identifier.</summary>
public enum DeidentificationOutcome
{
    /// <summary>De-identified: <see cref="DeidentificationResult.File"/> may leave the bridge (encrypted).</summary>
    Deidentified,

    /// <summary>Quarantined: nothing may leave; <see cref="DeidentificationResult.Quarantine"/> says why.</summary>
    Quarantined,
}
