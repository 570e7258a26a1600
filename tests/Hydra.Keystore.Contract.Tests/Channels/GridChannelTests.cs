using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing;

namespace Hydra.Keystore.Contract.Tests.Channels;

public sealed class GridChannelTests
{
    private static readonly ClusterNode Node = new("node1", "127.0.0.1:7001");

    private static readonly Method<byte[], byte[]> Echo = new(
        MethodType.Unary, "hydra.test.Echo", "Call", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    [Fact]
    public async Task CallSentOnAConnectionTheNodeWasClosing_IsRepeatedOnANewOne()
    {
        // Arrange: the first attempt meets the node's graceful GOAWAY (code NO_ERROR), as after a restart.
        var transport = new ScriptedTransport(GoAway(errorCode: 0));
        using var channel = GridChannel.Create(Node, transport);

        // Act
        var answer = await channel.CreateCallInvoker().AsyncUnaryCall(Echo, null, new CallOptions(), [1, 2, 3]).ResponseAsync.DefaultTimeout();

        // Assert
        Assert.Equal([1, 2, 3], answer);
        Assert.Equal(2, transport.Requests);
    }

    [Fact]
    public async Task WithoutTheHandler_GrpcReportsTheSameFailureAsInternal_AndDoesNotRetry()
    {
        // Arrange: the plain channel, to show why the handler exists.
        var transport = new ScriptedTransport(GoAway(errorCode: 0));
        using var channel = GrpcChannel.ForAddress("http://" + Node.Endpoint, new GrpcChannelOptions { HttpHandler = transport });

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.CreateCallInvoker().AsyncUnaryCall(Echo, null, new CallOptions(), [1]).ResponseAsync.DefaultTimeout());

        // Assert
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(1, transport.Requests);
    }

    [Fact]
    public async Task ConnectionClosedForAProtocolError_IsNotRepeated()
    {
        // Arrange: GOAWAY with PROTOCOL_ERROR (0x1) says something went wrong, not that the node is merely stopping.
        var transport = new ScriptedTransport(GoAway(errorCode: 1));
        using var channel = GridChannel.Create(Node, transport);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.CreateCallInvoker().AsyncUnaryCall(Echo, null, new CallOptions(), [1]).ResponseAsync.DefaultTimeout());

        // Assert
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(1, transport.Requests);
    }

    // What SocketsHttpHandler throws for a stream the server's GOAWAY left unprocessed once the request body was sent.
    private static HttpRequestException GoAway(long errorCode) => new(
        HttpRequestError.HttpProtocolError,
        "An error occurred while sending the request.",
        new HttpProtocolException(errorCode, $"The HTTP/2 server closed the connection. HTTP/2 error code (0x{errorCode:x}).", null));

    /// <summary>Fails the first request with <c>failure</c>, then answers each one as a gRPC server echoing the message.</summary>
    private sealed class ScriptedTransport(Exception failure) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            if (Requests == 1)
            {
                throw failure;
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            response.TrailingHeaders.Add("grpc-status", "0");
            return response;
        }
    }
}
