namespace Hydra.Bridge.Contract;

/// <summary>
/// The answer to an officer's release or keep: the decision now recorded (<c>kept</c> or <c>released</c>), by whom and
/// when, and for a release the SOP Instance UID of the image it became (listed and readable by its readers).
/// </summary>
public sealed record QuarantineDecisionResult(string Id, string Decision, string DecidedBy, DateTimeOffset DecidedAt, string? ReleasedSopInstanceUid = null);
