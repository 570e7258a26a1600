using Hydra.Dicom.Deidentification;

namespace Hydra.Bridge.Storage;

/// <summary>
/// An original kept out of circulation (burned-in annotation risk), encrypted, for officers to review: why (<see cref="Reason"/>
/// is "code: detail"), the text regions pixel cleaning found (never their text), and the officer's decision.
/// </summary>
public sealed record QuarantineEntry(string Id, string KeyId, string ObjectPath, string Reason, string Source, DateTimeOffset Received)
{
    /// <summary>The reason's code (a <see cref="QuarantineCode"/> name); older entries only had it as the start of <see cref="Reason"/>.</summary>
    public string ReasonCode { get; init; } = CodeOf(Reason);

    /// <summary>The reason without its code.</summary>
    public string ReasonDetail => Reason.StartsWith(ReasonCode + ": ", StringComparison.Ordinal) ? Reason[(ReasonCode.Length + 2)..] : Reason;

    /// <summary>The regions pixel cleaning found; empty when none were found or the entry predates them.</summary>
    public IReadOnlyList<PixelRegion> Regions { get; init; } = [];

    /// <summary>What an officer decided; null while undecided.</summary>
    public QuarantineDecision? Decision { get; init; }

    private static string CodeOf(string reason)
    {
        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? reason[..colon] : string.Empty;
    }
}

/// <summary>What an officer decided about a quarantined original.</summary>
public enum QuarantineDecisionKind
{
    /// <summary>The original stays in quarantine.</summary>
    Kept,

    /// <summary>The officer vouched for the pixels; the original was de-identified and stored as an image.</summary>
    Released,
}

/// <summary>An officer's decision: which, who (DN), when, and for a release the new image's SOP Instance UID.</summary>
public sealed record QuarantineDecision(QuarantineDecisionKind Kind, string By, DateTimeOffset At, string? ReleasedSopInstanceUid);
