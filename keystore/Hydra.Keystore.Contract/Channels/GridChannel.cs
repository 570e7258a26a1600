using Grpc.Core;
using Grpc.Net.Client;
using Hydra.Grid;
using Hydra.Grid.Tls;

namespace Hydra.Keystore.Contract.Channels;

/// <summary>
/// gRPC channels over grid TLS: HTTP/2 with prior knowledge over a BouncyCastle TLS stream, with the node's host
/// certificate checked against the expected identity. Keystore clients and the bridge use these; so do benchmarks
/// that call the nodes' health service as a transport floor.
/// </summary>
public static class GridChannel
{
    /// <summary>
    /// A node that restarted leaves a dead or closing connection behind; the first call on it fails with Unavailable
    /// (on a closing one: see <see cref="UnprocessedCallHandler"/>) before a new connection is made. Every keystore
    /// operation is safe to repeat (registration is idempotent, deletion of a deleted key is reported as such), so such
    /// calls are retried twice with a short backoff.
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

    /// <summary>A channel to <paramref name="node"/>; the TLS connection opens on first use and is kept.</summary>
    public static GrpcChannel Create(ClusterNode node, TlsCredential? credential, HostCertificateValidator validator, GridChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(options);
        return Create(node, GridHttpHandler.Create(node, credential, validator, options));
    }

    /// <summary>A channel to <paramref name="node"/> over <paramref name="transport"/>, with the retries every keystore channel has.</summary>
    internal static GrpcChannel Create(ClusterNode node, HttpMessageHandler transport) =>
        // http://: HTTP/2 with prior knowledge over the stream the transport's connect callback returns, which is already TLS.
        GrpcChannel.ForAddress($"http://{node.Endpoint}", new GrpcChannelOptions
        {
            HttpHandler = new UnprocessedCallHandler(transport),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
            ServiceConfig = RetryOnUnavailable,
        });
}
