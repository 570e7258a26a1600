using System.Net;
using Microsoft.Extensions.Logging;

namespace Hydra.Dicom.Network;

/// <summary>
/// Log events of the DICOM network layer, EventIds 2100-2199. One line per association outcome or failure; never a
/// data set value (patient data), only AE titles, addresses, PDU facts and status codes.
/// </summary>
internal static partial class DicomNetworkLog
{
    [LoggerMessage(EventId = 2100, EventName = "DicomServerListening", Level = LogLevel.Information,
        Message = "DICOM server {AeTitle} listening on {EndPoint} (TLS: {Tls})")]
    public static partial void Listening(ILogger logger, string aeTitle, EndPoint endPoint, bool tls);

    [LoggerMessage(EventId = 2101, EventName = "DicomServerStopped", Level = LogLevel.Information,
        Message = "DICOM server {AeTitle} stopped")]
    public static partial void Stopped(ILogger logger, string aeTitle);

    [LoggerMessage(EventId = 2102, EventName = "AssociationAccepted", Level = LogLevel.Information,
        Message = "Association {AssociationId} accepted: {CallingAeTitle} -> {CalledAeTitle} from {RemoteEndPoint}, {Accepted} of {Proposed} presentation contexts")]
    public static partial void Accepted(ILogger logger, long associationId, string callingAeTitle, string calledAeTitle,
        EndPoint? remoteEndPoint, int accepted, int proposed);

    [LoggerMessage(EventId = 2103, EventName = "AssociationRejected", Level = LogLevel.Warning,
        Message = "Association {AssociationId} rejected: {CallingAeTitle} -> {CalledAeTitle} from {RemoteEndPoint}: {Reason}")]
    public static partial void Rejected(ILogger logger, long associationId, string callingAeTitle, string calledAeTitle,
        EndPoint? remoteEndPoint, string reason);

    [LoggerMessage(EventId = 2104, EventName = "AssociationReleased", Level = LogLevel.Debug,
        Message = "Association {AssociationId} released")]
    public static partial void Released(ILogger logger, long associationId);

    [LoggerMessage(EventId = 2105, EventName = "AssociationAbortedByPeer", Level = LogLevel.Warning,
        Message = "Association {AssociationId} from {RemoteEndPoint} aborted by the peer (source {Source}, reason {Reason})")]
    public static partial void AbortedByPeer(ILogger logger, long associationId, EndPoint? remoteEndPoint, DicomAbortSource source, int reason);

    [LoggerMessage(EventId = 2106, EventName = "ProtocolError", Level = LogLevel.Warning,
        Message = "Association {AssociationId} from {RemoteEndPoint} aborted on a protocol error: {Problem}")]
    public static partial void ProtocolError(ILogger logger, long associationId, EndPoint? remoteEndPoint, string problem);

    [LoggerMessage(EventId = 2107, EventName = "ArtimExpired", Level = LogLevel.Warning,
        Message = "Association {AssociationId} from {RemoteEndPoint} closed: ARTIM timer expired ({Problem})")]
    public static partial void ArtimExpired(ILogger logger, long associationId, EndPoint? remoteEndPoint, string problem);

    [LoggerMessage(EventId = 2108, EventName = "IdleTimeout", Level = LogLevel.Warning,
        Message = "Association {AssociationId} from {RemoteEndPoint} aborted: {Problem}")]
    public static partial void IdleTimeout(ILogger logger, long associationId, EndPoint? remoteEndPoint, string problem);

    [LoggerMessage(EventId = 2109, EventName = "ConnectionLost", Level = LogLevel.Warning,
        Message = "Association {AssociationId} from {RemoteEndPoint} ended: the connection was lost ({Problem})")]
    public static partial void ConnectionLost(ILogger logger, long associationId, EndPoint? remoteEndPoint, string problem);

    [LoggerMessage(EventId = 2110, EventName = "TlsHandshakeFailed", Level = LogLevel.Warning,
        Message = "TLS connection from {RemoteEndPoint} refused: {Problem}")]
    public static partial void TlsFailed(ILogger logger, EndPoint? remoteEndPoint, string problem);

    [LoggerMessage(EventId = 2111, EventName = "TooManyAssociations", Level = LogLevel.Warning,
        Message = "Association of {CallingAeTitle} from {RemoteEndPoint} rejected: {Limit}")]
    public static partial void TooManyAssociations(ILogger logger, string callingAeTitle, EndPoint? remoteEndPoint, string limit);

    [LoggerMessage(EventId = 2119, EventName = "ConnectionDisplaced", Level = LogLevel.Warning,
        Message = "Connection {AssociationId} from {RemoteEndPoint} closed before its A-ASSOCIATE-RQ: more than {Limit} connections from that address were waiting")]
    public static partial void ConnectionDisplaced(ILogger logger, long associationId, EndPoint? remoteEndPoint, int limit);

    [LoggerMessage(EventId = 2112, EventName = "HandlerFailed", Level = LogLevel.Error,
        Message = "Association {AssociationId}: the {Operation} handler failed; answered status {Status}")]
    public static partial void HandlerFailed(ILogger logger, long associationId, Dimse.DimseCommandField operation, DicomStatus status, Exception exception);

    [LoggerMessage(EventId = 2113, EventName = "ShutdownAborting", Level = LogLevel.Warning,
        Message = "DICOM server {AeTitle} shutting down: aborting {Count} associations still open")]
    public static partial void ShutdownAborting(ILogger logger, string aeTitle, int count);

    [LoggerMessage(EventId = 2114, EventName = "SubOperationFailed", Level = LogLevel.Warning,
        Message = "Association {AssociationId}: {Operation} sub-operation {Index} failed: {Problem}")]
    public static partial void SubOperationFailed(ILogger logger, long associationId, string operation, int index, string problem);

    [LoggerMessage(EventId = 2115, EventName = "MoveDestinationUnknown", Level = LogLevel.Warning,
        Message = "Association {AssociationId}: C-MOVE destination {Destination} is not configured")]
    public static partial void MoveDestinationUnknown(ILogger logger, long associationId, string destination);

    [LoggerMessage(EventId = 2116, EventName = "AcceptFailed", Level = LogLevel.Warning,
        Message = "DICOM server {AeTitle}: accepting a connection failed: {Problem}")]
    public static partial void AcceptFailed(ILogger logger, string aeTitle, string problem);

    [LoggerMessage(EventId = 2117, EventName = "OperationCancelled", Level = LogLevel.Information,
        Message = "Association {AssociationId}: {Operation} message {MessageId} cancelled by the peer")]
    public static partial void OperationCancelled(ILogger logger, long associationId, Dimse.DimseCommandField operation, int messageId);

    [LoggerMessage(EventId = 2118, EventName = "AssociationAbortedLocally", Level = LogLevel.Information,
        Message = "Association {AssociationId} with {RemoteEndPoint} aborted locally: {Problem}")]
    public static partial void AbortedLocally(ILogger logger, long associationId, EndPoint? remoteEndPoint, string problem);

    [LoggerMessage(EventId = 2120, EventName = "ClientAssociationRequested", Level = LogLevel.Debug,
        Message = "Requesting association {CallingAeTitle} -> {CalledAeTitle} at {Host}:{Port} (TLS: {Tls})")]
    public static partial void Requesting(ILogger logger, string callingAeTitle, string calledAeTitle, string host, int port, bool tls);
}
