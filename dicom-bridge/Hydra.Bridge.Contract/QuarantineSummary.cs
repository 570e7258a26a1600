namespace Hydra.Bridge.Contract;

/// <summary>
/// One quarantined original as officers see it: its opaque id, why (a code and a detail naming tags and rules, never a
/// value), the sender (AE title or STOW source), when it arrived, how many text regions pixel cleaning found, and the
/// officer's decision: <c>none</c>, <c>kept</c> or <c>released</c> (with who, when and the released image's SOP Instance UID).
/// </summary>
public sealed record QuarantineSummary(
    string Id,
    string ReasonCode,
    string ReasonDetail,
    string Source,
    DateTimeOffset Received,
    int RegionCount,
    string Decision,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? ReleasedSopInstanceUid = null);
