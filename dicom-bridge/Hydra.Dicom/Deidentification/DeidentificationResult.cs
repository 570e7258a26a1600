using System.Diagnostics.CodeAnalysis;

namespace Hydra.Dicom.Deidentification;

/// <summary>The outcome of de-identifying one image: the de-identified file and a report, or a quarantine reason.</summary>
public sealed record DeidentificationResult
{
    private DeidentificationResult(
        DeidentificationOutcome outcome, DicomFile? file, DeidentificationReport? report, QuarantineReason? quarantine, IReadOnlyList<PixelRegion> regions)
    {
        Outcome = outcome;
        File = file;
        Report = report;
        Quarantine = quarantine;
        QuarantinedRegions = regions;
    }

    /// <summary>Which way the image went.</summary>
    public DeidentificationOutcome Outcome { get; }

    /// <summary>The de-identified file (new data set and meta group); null when quarantined.</summary>
    public DicomFile? File { get; }

    /// <summary>What was done; null when quarantined.</summary>
    public DeidentificationReport? Report { get; }

    /// <summary>Why the image was quarantined; null when de-identified.</summary>
    public QuarantineReason? Quarantine { get; }

    /// <summary>For a quarantined image, the text regions pixel cleaning found (for the officer's review); else empty.</summary>
    public IReadOnlyList<PixelRegion> QuarantinedRegions { get; }

    /// <summary>True when the image must not leave the bridge.</summary>
    [MemberNotNullWhen(true, nameof(Quarantine))]
    [MemberNotNullWhen(false, nameof(File), nameof(Report))]
    public bool IsQuarantined => Outcome == DeidentificationOutcome.Quarantined;

    internal static DeidentificationResult Deidentified(DicomFile file, DeidentificationReport report) =>
        new(DeidentificationOutcome.Deidentified, file, report, null, []);

    internal static DeidentificationResult Quarantined(QuarantineReason reason, IReadOnlyList<PixelRegion>? regions = null) =>
        new(DeidentificationOutcome.Quarantined, null, null, reason, regions ?? []);
}
