namespace Hydra.Bridge;

/// <summary>
/// Every log event of the bridge (EventIds 2000-2099). Events name AE titles, pseudonymous UIDs, key ids and nodes;
/// never a patient-identifying value, a key or a share.
/// </summary>
internal static partial class BridgeLog
{
    [LoggerMessage(EventId = 2000, EventName = "BridgeStarted", Level = LogLevel.Information,
        Message = "Bridge {AeTitle} listening: DICOM {DicomEndPoint}, DICOM TLS {TlsEndPoint}, readers {ReaderEndPoint}; {Images} images catalogued, {Waiting} shares waiting for nodes.")]
    public static partial void BridgeStarted(ILogger logger, string aeTitle, string dicomEndPoint, string tlsEndPoint, string readerEndPoint, long images, int waiting);

    [LoggerMessage(EventId = 2001, EventName = "Ingested", Level = LogLevel.Debug,
        Message = "Stored {SopInstanceUid} from {Source} as key {KeyId}.")]
    public static partial void Ingested(ILogger logger, string sopInstanceUid, string source, string keyId);

    [LoggerMessage(EventId = 2002, EventName = "AlreadyIngested", Level = LogLevel.Debug,
        Message = "{SopInstanceUid} from {Source} was already stored; acknowledged again.")]
    public static partial void AlreadyIngested(ILogger logger, string sopInstanceUid, string source);

    [LoggerMessage(EventId = 2003, EventName = "Quarantined", Level = LogLevel.Warning,
        Message = "An image from {Source} was quarantined ({Code}): {Detail}")]
    public static partial void Quarantined(ILogger logger, string source, string code, string detail);

    [LoggerMessage(EventId = 2094, EventName = "StoredByAnotherBridge", Level = LogLevel.Information,
        Message = "{SopInstanceUid} from {Source} was catalogued by another bridge first; acknowledged, and that bridge's entry stands (this ingest wrote {ObjectPath}).")]
    public static partial void StoredByAnotherBridge(ILogger logger, string sopInstanceUid, string source, string objectPath);

    [LoggerMessage(EventId = 2095, EventName = "CatalogUnavailable", Level = LogLevel.Warning,
        Message = "A request to {Path} was answered 503: {Reason}")]
    public static partial void CatalogUnavailable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 2096, EventName = "CatalogMigrated", Level = LogLevel.Information,
        Message = "The catalog database's schema is at version {Version} ({Applied} migrations applied now).")]
    public static partial void CatalogMigrated(ILogger logger, int version, int applied);

    [LoggerMessage(EventId = 2004, EventName = "IngestRefused", Level = LogLevel.Warning,
        Message = "An image from {Source} was refused: {Reason}")]
    public static partial void IngestRefused(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 2005, EventName = "ExistingKeyReused", Level = LogLevel.Information,
        Message = "Key {KeyId} was already registered by an earlier, unfinished attempt; its key is reused.")]
    public static partial void ExistingKeyReused(ILogger logger, string keyId);

    [LoggerMessage(EventId = 2010, EventName = "SharesQueued", Level = LogLevel.Warning,
        Message = "{Count} shares wait for node {NodeId}: {Reason}")]
    public static partial void SharesQueued(ILogger logger, int count, string nodeId, string reason);

    [LoggerMessage(EventId = 2011, EventName = "SharesDelivered", Level = LogLevel.Information,
        Message = "{Count} waiting shares delivered to node {NodeId}.")]
    public static partial void SharesDelivered(ILogger logger, int count, string nodeId);

    [LoggerMessage(EventId = 2012, EventName = "ShareNotSealable", Level = LogLevel.Error,
        Message = "Node {NodeId} missed the share of key {KeyId} and its certificate was never seen, so the share cannot be kept for it; the key remains rebuildable from the nodes that have it.")]
    public static partial void ShareNotSealable(ILogger logger, string nodeId, string keyId);

    [LoggerMessage(EventId = 2013, EventName = "HandoffFailed", Level = LogLevel.Information,
        Message = "Delivering waiting shares to node {NodeId} failed (retried later): {Reason}")]
    public static partial void HandoffFailed(ILogger logger, string nodeId, string reason);

    [LoggerMessage(EventId = 2020, EventName = "ReaderRefused", Level = LogLevel.Information,
        Message = "Reader {Reader} on association {Association} refused: {Reason}")]
    public static partial void ReaderRefused(ILogger logger, string reader, long association, string reason);

    [LoggerMessage(EventId = 2021, EventName = "AccessRevoked", Level = LogLevel.Information,
        Message = "{Curator} revoked {Principal} on study {StudyInstanceUid} ({Keys} keys).")]
    public static partial void AccessRevoked(ILogger logger, string curator, string principal, string studyInstanceUid, int keys);

    [LoggerMessage(EventId = 2023, EventName = "ReaderEndpointRefused", Level = LogLevel.Information,
        Message = "A reader from {Peer} was refused at the reader endpoint: {Reason}")]
    public static partial void ReaderEndpointRefused(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 2022, EventName = "CiphertextServed", Level = LogLevel.Information,
        Message = "Reader {Reader} downloaded the ciphertext of {SopInstanceUid}.")]
    public static partial void CiphertextServed(ILogger logger, string reader, string sopInstanceUid);

    [LoggerMessage(EventId = 2024, EventName = "BearerTokenRefused", Level = LogLevel.Information,
        Message = "A bearer token claiming {Subject} from {Peer} was refused at the reader endpoint: {Reason}")]
    public static partial void BearerTokenRefused(ILogger logger, string subject, string peer, string reason);

    [LoggerMessage(EventId = 2025, EventName = "DicomServed", Level = LogLevel.Information,
        Message = "Reader {Reader} downloaded {SopInstanceUid} decrypted, its key rebuilt on the reader's behalf.")]
    public static partial void DicomServed(ILogger logger, string reader, string sopInstanceUid);

    [LoggerMessage(EventId = 2026, EventName = "DelegatedKeyRefused", Level = LogLevel.Information,
        Message = "The key {KeyId} of {SopInstanceUid} could not be rebuilt for reader {Reader}: {Reason}")]
    public static partial void DelegatedKeyRefused(ILogger logger, string reader, string sopInstanceUid, string keyId, string reason);

    [LoggerMessage(EventId = 2027, EventName = "StoredObjectDamaged", Level = LogLevel.Error,
        Message = "The stored object of {SopInstanceUid} failed decryption: {Reason}")]
    public static partial void StoredObjectDamaged(ILogger logger, string sopInstanceUid, string reason);

    [LoggerMessage(EventId = 2030, EventName = "StoreOperationFailed", Level = LogLevel.Error,
        Message = "A bridge store operation failed unexpectedly; it alone was rolled back.")]
    public static partial void StoreOperationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2031, EventName = "StoreCommitFailed", Level = LogLevel.Critical,
        Message = "{Count} bridge store writes could not be made durable; the bridge stops accepting images until restarted.")]
    public static partial void StoreCommitFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 2014, EventName = "KeyPoolDrained", Level = LogLevel.Information,
        Message = "Stopping: {Count} registered keys were never used; {Left} of them could not be deleted and stay registered, protecting nothing.")]
    public static partial void KeyPoolDrained(ILogger logger, int count, int left);

    [LoggerMessage(EventId = 2015, EventName = "KeyPoolRefillFailed", Level = LogLevel.Warning,
        Message = "No key could be registered ahead: {Reason} {Left} keys registered earlier remain for these images; once they are used, images are refused (A700) until the write quorum is back.")]
    public static partial void KeyPoolRefillFailed(ILogger logger, int left, string reason);
}
