namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// QIDO-RS log events (EventIds 2032-2039: BridgeLog already holds 2030 and 2031). They name the caller's subject and
/// the resource, never the query (its values, or a misplaced name, may identify someone); the caller gets the reason.
/// </summary>
internal static partial class QidoLog
{
    [LoggerMessage(EventId = 2032, EventName = "QidoSearched", Level = LogLevel.Debug,
        Message = "QIDO-RS search of {Resource} by {Subject}: {Count} results (truncated: {Truncated})")]
    public static partial void Searched(ILogger logger, string resource, string subject, int count, bool truncated);

    [LoggerMessage(EventId = 2033, EventName = "QidoRefused", Level = LogLevel.Information,
        Message = "QIDO-RS search of {Resource} by {Subject} refused with {Status}")]
    public static partial void Refused(ILogger logger, string resource, string subject, int status);
}
