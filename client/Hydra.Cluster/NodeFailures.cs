using Grpc.Core;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Channels;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.V1;

namespace Hydra.Cluster;

/// <summary>Describes what went wrong with one node in words a person can act on.</summary>
internal static class NodeFailures
{
    /// <summary>Whether <paramref name="exception"/> is a node's doing (or the way to it), not the caller's.</summary>
    public static bool IsNodeFailure(Exception exception) =>
        exception is RpcException or IOException or HttpRequestException or MalformedMessageException;

    public static NodeFailure From(string nodeId, Exception exception) => exception switch
    {
        _ when ServerCertificateRefusedException.Find(exception) is { } refused => Untrusted(nodeId, refused.Reason, refused.NoLongerTrusted),
        RpcException rpc => new NodeFailure(nodeId, KindOf(rpc.StatusCode), Describe(rpc)),
        MalformedMessageException malformed => new NodeFailure(nodeId, NodeFailureKind.MalformedAnswer, malformed.Message),
        OperationCanceledException => new NodeFailure(nodeId, NodeFailureKind.Cancelled, "The call was cancelled."),
        _ => new NodeFailure(nodeId, NodeFailureKind.ConnectionFailed, exception.Message),
    };

    /// <summary>A node whose host certificate was refused (or, <paramref name="noLongerTrusted"/>, refused after a trust reload), with what to check.</summary>
    public static NodeFailure Untrusted(string nodeId, string reason, bool noLongerTrusted = false) => new(
        nodeId,
        NodeFailureKind.Untrusted,
        $"its host certificate {(noLongerTrusted ? "is no longer trusted since the trust store reloaded" : "was refused")}: {reason.TrimEnd('.')}; check the node's endpoint and \"identity\" in the cluster file "
        + "and your trust directory: if they are right, another host answers at that endpoint.");

    /// <summary>
    /// Failures grouped by cause, each cause once with the nodes it came from: <c>reason (Kind from node1, node2)</c>,
    /// joined by "; ", so that three nodes refusing alike read as one refusal.
    /// </summary>
    public static string Summarize(IEnumerable<NodeFailure> failures) => string.Join("; ", failures
        .GroupBy(f => (f.Kind, f.Message))
        .Select(g => $"{g.Key.Message.TrimEnd('.', ' ')} ({g.Key.Kind} from {string.Join(", ", g.Select(f => f.NodeId).Order(StringComparer.Ordinal))})"));

    /// <summary>The failure a batch item reports, or null when the item succeeded.</summary>
    public static NodeFailure? From(string nodeId, ItemStatus? status)
    {
        var code = ProtoMapping.CodeOf(status);
        return code == StatusCode.OK ? null : new NodeFailure(nodeId, KindOf(code), status!.Message);
    }

    public static NodeFailureKind KindOf(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => NodeFailureKind.InvalidArgument,
        StatusCode.Unauthenticated => NodeFailureKind.Unauthenticated,
        StatusCode.PermissionDenied => NodeFailureKind.PermissionDenied,
        StatusCode.NotFound => NodeFailureKind.NotFound,
        StatusCode.AlreadyExists => NodeFailureKind.AlreadyExists,
        StatusCode.FailedPrecondition => NodeFailureKind.FailedPrecondition,
        StatusCode.ResourceExhausted => NodeFailureKind.ResourceExhausted,
        StatusCode.Unavailable => NodeFailureKind.Unavailable,
        StatusCode.DeadlineExceeded => NodeFailureKind.DeadlineExceeded,
        StatusCode.Cancelled => NodeFailureKind.Cancelled,
        _ => NodeFailureKind.Internal,
    };

    private static string Describe(RpcException rpc)
    {
        // Connection failures arrive as Unavailable with the real cause (refused, TLS) several exceptions deep.
        for (var inner = rpc.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is GridTlsException tls)
            {
                return tls.Message;
            }

            if (inner is System.Net.Sockets.SocketException socket)
            {
                return $"cannot connect: {socket.Message}";
            }
        }

        return string.IsNullOrEmpty(rpc.Status.Detail) ? rpc.StatusCode.ToString() : rpc.Status.Detail;
    }
}
