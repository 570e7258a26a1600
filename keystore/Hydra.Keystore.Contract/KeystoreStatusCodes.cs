using Grpc.Core;

namespace Hydra.Keystore.Contract;

/// <summary>The one place keystore errors become gRPC status codes.</summary>
public static class KeystoreStatusCodes
{
    public static StatusCode Map(KeystoreError error) => error switch
    {
        KeystoreError.InvalidArgument => StatusCode.InvalidArgument,
        KeystoreError.Unauthenticated => StatusCode.Unauthenticated,
        KeystoreError.PermissionDenied => StatusCode.PermissionDenied,
        KeystoreError.NotFound => StatusCode.NotFound,
        KeystoreError.AlreadyExists => StatusCode.AlreadyExists,
        KeystoreError.FailedPrecondition => StatusCode.FailedPrecondition,
        KeystoreError.ResourceExhausted => StatusCode.ResourceExhausted,
        KeystoreError.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };
}
