namespace Hydra.Bridge.Review;

/// <summary>
/// Log events of officer review (EventIds 2084-2095). They name officers by DN, quarantined originals by their opaque id
/// and images by pseudonymous UIDs: never a value, a region's text or a key.
/// </summary>
internal static partial class ReviewLog
{
    [LoggerMessage(EventId = 2084, EventName = "ReviewThumbnailStored", Level = LogLevel.Debug,
        Message = "Review thumbnail of redacted image {SopInstanceUid} stored under key {KeyId} ({Regions} regions).")]
    public static partial void ThumbnailStored(ILogger logger, string sopInstanceUid, string keyId, int regions);

    [LoggerMessage(EventId = 2085, EventName = "ReviewThumbnailNotRenderable", Level = LogLevel.Warning,
        Message = "Redacted image {SopInstanceUid} has no review thumbnail: {Reason}")]
    public static partial void ThumbnailNotRenderable(ILogger logger, string sopInstanceUid, string reason);

    [LoggerMessage(EventId = 2086, EventName = "QuarantineListed", Level = LogLevel.Information,
        Message = "Officer {Officer} listed {Count} quarantined originals.")]
    public static partial void QuarantineListed(ILogger logger, string officer, int count);

    [LoggerMessage(EventId = 2087, EventName = "QuarantineViewed", Level = LogLevel.Information,
        Message = "Officer {Officer} viewed quarantined original {QuarantineId}.")]
    public static partial void QuarantineViewed(ILogger logger, string officer, string quarantineId);

    [LoggerMessage(EventId = 2088, EventName = "QuarantineReleased", Level = LogLevel.Warning,
        Message = "Officer {Officer} released quarantined original {QuarantineId} with its pixels as they are: stored as image {SopInstanceUid}.")]
    public static partial void Released(ILogger logger, string officer, string quarantineId, string sopInstanceUid);

    [LoggerMessage(EventId = 2089, EventName = "QuarantineKept", Level = LogLevel.Information,
        Message = "Officer {Officer} decided to keep quarantined original {QuarantineId}.")]
    public static partial void Kept(ILogger logger, string officer, string quarantineId);

    [LoggerMessage(EventId = 2090, EventName = "QuarantineReleaseRefused", Level = LogLevel.Warning,
        Message = "Officer {Officer} could not release quarantined original {QuarantineId}: {Reason}")]
    public static partial void ReleaseRefused(ILogger logger, string officer, string quarantineId, string reason);

    [LoggerMessage(EventId = 2091, EventName = "RedactionViewed", Level = LogLevel.Information,
        Message = "Officer {Officer} viewed the review thumbnail of redacted image {SopInstanceUid}.")]
    public static partial void RedactionViewed(ILogger logger, string officer, string sopInstanceUid);

    [LoggerMessage(EventId = 2092, EventName = "OfficerKeyRefused", Level = LogLevel.Information,
        Message = "The keystore nodes refused {Caller} the review key {KeyId}: {Reason}")]
    public static partial void KeyRefused(ILogger logger, string caller, string keyId, string reason);

    [LoggerMessage(EventId = 2093, EventName = "OfficerEndpointRefused", Level = LogLevel.Information,
        Message = "{Caller} is not an officer of this bridge (Bridge:QuarantineAcl) and was refused {Path}.")]
    public static partial void NotOfficer(ILogger logger, string caller, string path);
}
