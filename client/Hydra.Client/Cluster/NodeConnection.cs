using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Hydra.Client.Tls;

namespace Hydra.Client.Cluster;

/// <summary>
/// A long-lived HTTP/2 channel to one node over grid TLS. TLS handshakes cost milliseconds (BouncyCastle's RSA), so
/// channels are kept and multiplexed, never opened per call.
/// </summary>
internal sealed class NodeConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public NodeConnection(ClusterNode node, TlsCredential? credential, NodeCertificateValidator validator, KeystoreClusterOptions options)
    {
        Node = node;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(node, credential, validator, cancellationToken),
        };

        // http://: HTTP/2 with prior knowledge over the stream the callback returns, which is already TLS.
        _channel = GrpcChannel.ForAddress($"http://{node.Endpoint}", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
            ServiceConfig = RetryOnUnavailable,
        });
        Client = new Keystore.V1.Keystore.KeystoreClient(_channel);
        CallTimeout = options.CallTimeout;
    }

    /// <summary>
    /// A node that restarted leaves a dead connection behind; the first call on it fails with Unavailable before a new
    /// connection is made. Every keystore operation is safe to repeat (registration is idempotent, deletion of a
    /// deleted key is reported as such), so such calls are retried twice with a short backoff.
    /// </summary>
    private static readonly Grpc.Net.Client.Configuration.ServiceConfig RetryOnUnavailable = new()
    {
        MethodConfigs =
        {
            new Grpc.Net.Client.Configuration.MethodConfig
            {
                Names = { Grpc.Net.Client.Configuration.MethodName.Default },
                RetryPolicy = new Grpc.Net.Client.Configuration.RetryPolicy
                {
                    MaxAttempts = 3,
                    InitialBackoff = TimeSpan.FromMilliseconds(100),
                    MaxBackoff = TimeSpan.FromSeconds(1),
                    BackoffMultiplier = 2,
                    RetryableStatusCodes = { StatusCode.Unavailable },
                },
            },
        },
    };

    public ClusterNode Node { get; }

    public Keystore.V1.Keystore.KeystoreClient Client { get; }

    public TimeSpan CallTimeout { get; }

    public CallOptions Call(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow + CallTimeout, cancellationToken: cancellationToken);

    private static async ValueTask<Stream> ConnectAsync(
        ClusterNode node, TlsCredential? credential, NodeCertificateValidator validator, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(node.Host, node.Port, cancellationToken).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: true);
            var options = new GridTlsClientOptions
            {
                TargetHost = node.Host,
                ClientCredential = credential,
                ServerCertificateValidator = (chain, _) => validator.Check(chain, node.ExpectedIdentity),
            };
            return await GridTlsStream.ConnectAsync(network, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _channel.Dispose();
}
