namespace Hydra.Keystore.Contract;

/// <summary>The ways a keystore operation can be refused or fail; each maps to one gRPC status code.</summary>
public enum KeystoreError
{
    /// <summary>The request is malformed (bad key id, bad envelope, bad principal).</summary>
    InvalidArgument,

    /// <summary>The caller's credential was not accepted.</summary>
    Unauthenticated,

    /// <summary>The caller is authenticated but not allowed.</summary>
    PermissionDenied,

    /// <summary>The key does not exist on this node.</summary>
    NotFound,

    /// <summary>A different share is already registered under this key id.</summary>
    AlreadyExists,

    /// <summary>The ACL changed since the version the caller read.</summary>
    FailedPrecondition,

    /// <summary>The node is overloaded; retry later.</summary>
    ResourceExhausted,

    /// <summary>The node cannot store or audit right now; nothing was released or changed.</summary>
    Unavailable,
}
