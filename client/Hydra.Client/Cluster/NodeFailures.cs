using Grpc.Core;
using Hydra.Client.Tls;

namespace Hydra.Client.Cluster;

/// <summary>Describes what went wrong with one node in words a person can act on.</summary>
internal static class NodeFailures
{
    public static NodeFailure From(string nodeId, Exception exception) => exception switch
    {
        RpcException rpc => new NodeFailure(nodeId, rpc.StatusCode.ToString(), Describe(rpc)),
        OperationCanceledException => new NodeFailure(nodeId, "Cancelled", "The call was cancelled."),
        _ => new NodeFailure(nodeId, "Error", exception.Message),
    };

    public static NodeFailure From(string nodeId, Keystore.V1.ItemStatus status) =>
        new(nodeId, ((StatusCode)status.Code).ToString(), status.Message);

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
