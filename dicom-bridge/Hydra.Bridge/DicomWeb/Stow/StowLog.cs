namespace Hydra.Bridge.DicomWeb.Stow;

/// <summary>
/// STOW-RS log events (EventIds 2050-2059): the caller's subject, source names, counts, codes and limits; never an
/// identifying value (the sender's original UIDs included) or a token.
/// </summary>
internal static partial class StowLog
{
    [LoggerMessage(EventId = 2050, EventName = "StowStored", Level = LogLevel.Information,
        Message = "{Caller} stored over STOW-RS as {Source}: {Stored} instances stored ({Quarantined} of them quarantined), {Failed} failed; answered {Status}.")]
    public static partial void Stored(ILogger logger, string caller, string source, int stored, int quarantined, int failed, int status);

    [LoggerMessage(EventId = 2051, EventName = "StowRefused", Level = LogLevel.Information,
        Message = "A STOW-RS request from {Caller} was refused ({Status}): {Reason}")]
    public static partial void Refused(ILogger logger, string caller, int status, string reason);

    [LoggerMessage(EventId = 2052, EventName = "StowInstanceFailed", Level = LogLevel.Information,
        Message = "Part {Part} of a STOW-RS request from {Caller} failed (reason {Reason:X4}): {Detail}")]
    public static partial void InstanceFailed(ILogger logger, string caller, int part, ushort reason, string detail);

    [LoggerMessage(EventId = 2053, EventName = "StowIngestFailed", Level = LogLevel.Error,
        Message = "The ingest of an instance from {Source} over STOW-RS failed unexpectedly.")]
    public static partial void IngestFailed(ILogger logger, string source, Exception exception);
}
