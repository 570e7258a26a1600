using Hydra.Keystore.Contract;
namespace Hydra.Keystore;

/// <summary>Every log event of the keystore node (EventIds 1000-1999). No event carries a share or key material.</summary>
internal static partial class KeystoreLog
{
    [LoggerMessage(EventId = 1000, EventName = "NodeStarted", Level = LogLevel.Information,
        Message = "Keystore node {NodeId} listening on {Endpoint}; {KeyCount} keys, audit trail length {AuditLength}.")]
    public static partial void NodeStarted(ILogger logger, string nodeId, string endpoint, long keyCount, long auditLength);

    [LoggerMessage(EventId = 1001, EventName = "AnyoneMayCreate", Level = LogLevel.Warning,
        Message = "No Keystore:Roles:Creators are configured: any authenticated person (not a host) may register keys on this node.")]
    public static partial void AnyoneMayCreate(ILogger logger);

    [LoggerMessage(EventId = 1002, EventName = "SealInForce", Level = LogLevel.Information,
        Message = "Stored share envelopes are sealed under a data key held in memory only, wrapped by {Protection}.")]
    public static partial void SealInForce(ILogger logger, string protection);

    [LoggerMessage(EventId = 1003, EventName = "SealIsKeyFile", Level = LogLevel.Information,
        Message = "The seal is the embedded default, a key file: a copy of the data folder with that file reads every share; "
            + "set Keystore:Seal:Kind=Pkcs11 to keep the key in an HSM.")]
    public static partial void SealIsKeyFile(ILogger logger);

    [LoggerMessage(EventId = 1004, EventName = "EnvelopesNotSealed", Level = LogLevel.Warning,
        Message = "{Count} share envelopes in the data file were written before sealing and are stored in clear; "
            + "stop the node and seal them with: {Command}")]
    public static partial void EnvelopesNotSealed(ILogger logger, long count, string command);

    [LoggerMessage(EventId = 1011, EventName = "CredentialRefused", Level = LogLevel.Information,
        Message = "Credential of {Subject} from {Peer} refused: {Reason}")]
    public static partial void CredentialRefused(ILogger logger, string subject, string peer, string reason);

    [LoggerMessage(EventId = 1020, EventName = "CommitFailed", Level = LogLevel.Critical,
        Message = "A batch of {Count} operations could not be made durable; the node stops serving until restarted.")]
    public static partial void CommitFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 1023, EventName = "OperationAborted", Level = LogLevel.Error,
        Message = "An operation failed unexpectedly; its batch was rolled back and run again without it.")]
    public static partial void OperationAborted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1030, EventName = "OperationRefused", Level = LogLevel.Information,
        Message = "{Operation} by {Subject} refused ({Error}): {Reason}")]
    public static partial void OperationRefused(ILogger logger, string operation, string subject, KeystoreError error, string reason);

    [LoggerMessage(EventId = 1031, EventName = "OperationFailed", Level = LogLevel.Error,
        Message = "{Operation} failed unexpectedly.")]
    public static partial void OperationFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 1032, EventName = "MalformedRequest", Level = LogLevel.Information,
        Message = "A {Operation} request was refused as malformed: {Problem}")]
    public static partial void MalformedRequest(ILogger logger, string operation, string problem);

    [LoggerMessage(EventId = 1040, EventName = "CheckpointFailed", Level = LogLevel.Warning,
        Message = "The audit trail could not be sealed with a checkpoint: {Reason}")]
    public static partial void CheckpointFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1041, EventName = "CheckpointNotWitnessed", Level = LogLevel.Information,
        Message = "Peer {PeerId} did not witness checkpoint {Sequence} (retried later): {Reason}")]
    public static partial void CheckpointNotWitnessed(ILogger logger, string peerId, long sequence, string reason);

    [LoggerMessage(EventId = 1042, EventName = "CheckpointDisputed", Level = LogLevel.Critical,
        Message = "Peer {PeerId} already witnessed a different trail at sequence {Sequence}: this node's audit trail was rewritten.")]
    public static partial void CheckpointDisputed(ILogger logger, string peerId, long sequence);

    [LoggerMessage(EventId = 1043, EventName = "EquivocationDetected", Level = LogLevel.Critical,
        Message = "Node {NodeId} presented two different trails at sequence {Sequence}; both checkpoints are kept as evidence.")]
    public static partial void EquivocationDetected(ILogger logger, string nodeId, long sequence);

    [LoggerMessage(EventId = 1044, EventName = "RefusalsNotAudited", Level = LogLevel.Error,
        Message = "{Count} refused TLS connections could not be written to the audit trail: {Reason}")]
    public static partial void RefusalsNotAudited(ILogger logger, long count, string reason);

    [LoggerMessage(EventId = 1050, EventName = "DatabaseUnreachable", Level = LogLevel.Error,
        Message = "A batch of {Count} operations failed: {Reason} The node keeps serving and retries with the next batch.")]
    public static partial void DatabaseUnreachable(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 1051, EventName = "DatabaseInUse", Level = LogLevel.Information,
        Message = "Shares, ACLs and the audit trail are kept in {Database}, schema version {SchemaVersion}.")]
    public static partial void DatabaseInUse(ILogger logger, string database, int schemaVersion);

    [LoggerMessage(EventId = 1052, EventName = "SchemaMigrated", Level = LogLevel.Information,
        Message = "Applied schema migration {Version} ({Name}) to {Database}.")]
    public static partial void SchemaMigrated(ILogger logger, int version, string name, string database);
}
