using System.Net.Sockets;
using Hydra.Grid;
using Hydra.Grid.Tls;

namespace Hydra.Keystore.Contract.Channels;

/// <summary>
/// HTTP handlers whose connections are grid TLS (BouncyCastle, so proxies work as client credentials), with the
/// server's certificate checked against the identity the cluster file expects. Use <c>http://</c> addresses: the
/// handler's streams are already TLS, and HTTP/2 runs over them with prior knowledge.
/// </summary>
public static class GridHttpHandler
{
    /// <summary>
    /// A handler for <paramref name="server"/>; connections open on first use and are kept, and the server's certificate
    /// is checked again before the next request whenever the validator's trust store reloads.
    /// </summary>
    public static HttpMessageHandler Create(
        ClusterNode server, TlsCredential? credential, HostCertificateValidator validator, GridChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(options);
        TrustRecheckHandler? recheck = null;
        var sockets = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            ConnectCallback = (_, cancellationToken) => ConnectAsync(server, credential, validator, options, recheck!, cancellationToken),
        };
        recheck = new TrustRecheckHandler(server, validator, options.ServerCertificateRefused, sockets);
        return recheck;
    }

    private static async ValueTask<Stream> ConnectAsync(
        ClusterNode server,
        TlsCredential? credential,
        HostCertificateValidator validator,
        GridChannelOptions channel,
        TrustRecheckHandler recheck,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        string? refused = null;
        try
        {
            await socket.ConnectAsync(server.Host, server.Port, cancellationToken).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: true);
            var options = new GridTlsClientOptions
            {
                TargetHost = server.Host,
                ClientCredential = credential,
                ApplicationProtocols = [channel.ApplicationProtocol],
                ServerCertificateValidator = (chain, _) =>
                {
                    // Read before the check: a reload in between makes the next request check again.
                    var generation = validator.TrustGeneration;
                    var refusal = validator.Check(chain, server.ExpectedIdentity);
                    if (refusal is null)
                    {
                        recheck.Accepted(chain, generation);
                        channel.ServerCertificateSeen?.Invoke(server.Id, chain[0]);
                    }
                    else
                    {
                        refused = refusal;
                        channel.ServerCertificateRefused?.Invoke(server.Id, refusal);
                    }

                    return refusal;
                },
            };
            return await GridTlsStream.ConnectAsync(network, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (refused is not null && ex is not OperationCanceledException)
        {
            // Typed, so that callers can tell a trust problem from an outage without reading the message.
            socket.Dispose();
            throw new ServerCertificateRefusedException(
                server.Id, refused, $"{server.Id} at {server.Endpoint} is not trusted: {refused}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
