namespace Hydra.Cluster;

/// <summary>
/// What went wrong with one node. The refusals a node gives carry the gRPC status names the keystore API maps its errors
/// to; the others describe the node's answer or the way to it.
/// </summary>
public enum NodeFailureKind
{
    /// <summary>The node found the request malformed (a bad key id, principal or envelope).</summary>
    InvalidArgument,

    /// <summary>The node did not accept the caller's credential.</summary>
    Unauthenticated,

    /// <summary>The node authenticated the caller but its ACL or roles do not allow the operation.</summary>
    PermissionDenied,

    /// <summary>The key is not registered on the node.</summary>
    NotFound,

    /// <summary>The node already holds a different share under the key id.</summary>
    AlreadyExists,

    /// <summary>The node's state did not allow the change (an ACL changed since it was read).</summary>
    FailedPrecondition,

    /// <summary>The node is overloaded; retry shortly.</summary>
    ResourceExhausted,

    /// <summary>The node could not be reached, refused the connection's TLS, or cannot serve now.</summary>
    Unavailable,

    /// <summary>The node did not answer within the call's deadline.</summary>
    DeadlineExceeded,

    /// <summary>The caller cancelled the call.</summary>
    Cancelled,

    /// <summary>The node failed inside (see its log), or answered with a status the API does not use.</summary>
    Internal,

    /// <summary>The connection failed outside gRPC (a socket or HTTP error).</summary>
    ConnectionFailed,

    /// <summary>The node answered, but its answer breaks the keystore contract (a missing time, a hash of the wrong length).</summary>
    MalformedAnswer,

    /// <summary>The node sent a share that cannot be read (a share that reads but fails its tag is named in <c>FetchedKey.BadNodes</c>).</summary>
    CorruptShare,
}
