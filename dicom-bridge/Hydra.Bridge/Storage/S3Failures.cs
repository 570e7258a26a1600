using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace Hydra.Bridge.Storage;

/// <summary>
/// The one map from S3 client failures to what the bridge says: full (a quota), an existing name, or unavailable
/// (unreachable, timed out, 5xx, access denied). Ingest turns the result into a refusal, readers into a 503.
/// </summary>
internal static class S3Failures
{
    /// <summary>The bridge's account of <paramref name="exception"/>, or null when it is no store failure (a bug, a cancellation).</summary>
    public static ObjectStoreException? Map(Exception exception, string key, CancellationToken cancellationToken) => exception switch
    {
        ObjectStoreException known => known,
        AmazonS3Exception { ErrorCode: "QuotaExceeded" } s3 => new ObjectStoreException("object store full (QuotaExceeded)", full: true, s3),
        AmazonS3Exception { StatusCode: HttpStatusCode.PreconditionFailed } s3 =>
            new ObjectStoreException($"object store: '{key}' already exists and is not overwritten (412 PreconditionFailed)", full: false, s3),
        AmazonS3Exception s3 => new ObjectStoreException($"object store unavailable: {(int)s3.StatusCode} {s3.ErrorCode}", full: false, s3),
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        // The SDK's own timeout, a refused or dropped connection: the store is down or unreachable.
        OperationCanceledException or TimeoutException => new ObjectStoreException("object store unavailable: the request timed out", full: false, exception),
        AmazonServiceException or AmazonClientException or HttpRequestException or SocketException or IOException =>
            new ObjectStoreException($"object store unavailable: {Innermost(exception).Message}", full: false, exception),
        _ => null,
    };

    /// <summary>Whether a read of a range may be tried again at the same offset (a dropped connection, a 5xx).</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        AmazonS3Exception s3 => (int)s3.StatusCode >= 500,
        AmazonClientException or HttpRequestException or SocketException or IOException => true,
        _ => false,
    };

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
