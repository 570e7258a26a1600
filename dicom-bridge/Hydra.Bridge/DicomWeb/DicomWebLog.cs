namespace Hydra.Bridge.DicomWeb;

/// <summary>
/// Log events of the overload gate and WADO-RS (EventIds 2040-2049). They name readers, pseudonymous UIDs and counts;
/// never a token, a key or an identifying value.
/// </summary>
internal static partial class DicomWebLog
{
    [LoggerMessage(EventId = 2040, EventName = "DicomWebBusy", Level = LogLevel.Information,
        Message = "A DICOMweb request was answered 503: {Limit} requests were in progress already.")]
    public static partial void Busy(ILogger logger, int limit);

    [LoggerMessage(EventId = 2041, EventName = "WadoRetrieved", Level = LogLevel.Information,
        Message = "Reader {Reader} retrieved {Count} instances of {Level} {Uid} decrypted, each key rebuilt on the reader's behalf.")]
    public static partial void Retrieved(ILogger logger, string reader, int count, string level, string uid);

    [LoggerMessage(EventId = 2042, EventName = "WadoAborted", Level = LogLevel.Warning,
        Message = "A WADO-RS answer to {Reader} was cut off after {Sent} instances, at {SopInstanceUid}; the response was reset so it cannot pass for complete: {Reason}")]
    public static partial void Aborted(ILogger logger, string reader, int sent, string sopInstanceUid, string reason);

    [LoggerMessage(EventId = 2043, EventName = "WadoNotRenderable", Level = LogLevel.Information,
        Message = "{SopInstanceUid} could not be served as asked: {Reason}")]
    public static partial void NotServable(ILogger logger, string sopInstanceUid, string reason);
}
