namespace Hydra.Bridge.Storage;

/// <summary>The object store's log events (EventIds 2094-2095 of the bridge's range).</summary>
internal static partial class ObjectStoreLog
{
    [LoggerMessage(EventId = 2097, EventName = "LeftoverUploadsAborted", Level = LogLevel.Information,
        Message = "Aborted {Count} unfinished multipart uploads a stopped bridge left in the object store.")]
    public static partial void LeftoverUploadsAborted(ILogger logger, int count);

    [LoggerMessage(EventId = 2098, EventName = "ObjectStoreFailed", Level = LogLevel.Warning,
        Message = "The object store failed ({Operation}): {Reason}")]
    public static partial void ObjectStoreFailed(ILogger logger, string operation, string reason);
}
