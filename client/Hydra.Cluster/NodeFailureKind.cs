namespace Hydra.Cluster;

/// <summary>
/// What went wrong with one node. The refusals a node gives carry the gRPC status names the keystore API maps its errors
/// to; the others describe the node's answer or the way to it.
/// </summary>
public enum NodeFailureKind
{
    // What the node answered, as the keystore API's status codes carry its KeystoreError (see Hydra.Keystore.Contract):
    // a malformed request, a refused credential, a refusal by ACL or role, no such key, a different share already held,
    // a stale ACL version, overload, and a node that cannot serve now (or could not be reached, or failed TLS).
    InvalidArgument,
    Unauthenticated,
    PermissionDenied,
    NotFound,
    AlreadyExists,
    FailedPrecondition,
    ResourceExhausted,
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

    /// <summary>
    /// The node's host certificate was refused: it does not name the identity the cluster file gives, or is not
    /// trusted (CA, CRL, validity). A trust problem, not an outage: another host may be answering at the endpoint.
    /// </summary>
    Untrusted,
}
