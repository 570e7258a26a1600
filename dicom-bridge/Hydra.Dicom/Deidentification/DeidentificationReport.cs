namespace Hydra.Dicom.Deidentification;

/// <summary>
/// What the de-identifier did to one image: the pseudonymous identifiers the bridge files it under, and counts. Holds
/// no original value.
/// </summary>
public sealed record DeidentificationReport
{
    /// <summary>The new SOP Instance UID (0008,0018), also in the file meta group.</summary>
    public required string SopInstanceUid { get; init; }

    /// <summary>The pseudonymous Study Instance UID (0020,000D); null when the input had none.</summary>
    public string? StudyInstanceUid { get; init; }

    /// <summary>The pseudonymous Series Instance UID (0020,000E); null when the input had none.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>The patient pseudonym written to Patient ID (0010,0020) and Patient's Name (0010,0010).</summary>
    public required string PatientPseudonym { get; init; }

    /// <summary>The whole-day shift applied to dates under the Modified Dates option; null when dates were not shifted.</summary>
    public int? DateOffsetDays { get; init; }

    /// <summary>What happened to dates and times, as written to (0028,0303).</summary>
    public required LongitudinalTemporalInformation TemporalInformation { get; init; }

    /// <summary>The options applied (the profile's).</summary>
    public required ConfidentialityOptions Options { get; init; }

    /// <summary>How many officer certificates the original values were encrypted for; 0 when none were configured.</summary>
    public required int ReidentificationRecipients { get; init; }

    /// <summary>Per-action counts.</summary>
    public required DeidentificationCounts Counts { get; init; }

    /// <summary>True when every frame was scanned for burned-in text and what was found blanked (PS3.15 E.3.1).</summary>
    public bool PixelsCleaned { get; init; }

    /// <summary>The blanked regions (never their text); empty when nothing was blanked or the pixels were not scanned.</summary>
    public IReadOnlyList<PixelRegion> PixelRegions { get; init; } = [];
}
