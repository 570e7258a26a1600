using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Network;

namespace Hydra.Bridge.Ingest;

/// <summary>Which way one ingested original went.</summary>
internal enum IngestOutcome
{
    /// <summary>De-identified, encrypted and catalogued (now or by an earlier send of the same image).</summary>
    Stored,

    /// <summary>Kept encrypted for officers only; never served.</summary>
    Quarantined,

    /// <summary>Not kept; nothing of it makes an image exist.</summary>
    Refused,
}

/// <summary>
/// The outcome of <see cref="IngestPipeline.IngestAsync"/>: for a stored image its pseudonymous UIDs (never an
/// original value), for a quarantined one why, for a refusal the DICOM status and reason.
/// </summary>
internal sealed record IngestResult(
    IngestOutcome Outcome, DicomStatus Status, string? Reason, DeidentificationReport? Report, QuarantineReason? Quarantine)
{
    public static IngestResult Stored(DeidentificationReport report) => new(IngestOutcome.Stored, DicomStatus.Success, null, report, null);

    public static IngestResult Quarantined(QuarantineReason reason) => new(IngestOutcome.Quarantined, DicomStatus.Success, null, null, reason);

    public static IngestResult Refused(DicomStatus status, string reason) => new(IngestOutcome.Refused, status, reason, null, null);
}
