using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Hydra.Hosting;

/// <summary>
/// Terminates TLS on a Kestrel connection with BouncyCastle, so clients may present RFC 3820 proxy chains (which
/// .NET's SslStream cannot take), then hands Kestrel the decrypted stream and the client's chain as a connection
/// feature. Kestrel sees a prior-knowledge HTTP/2 connection, which is what the client speaks over its own TLS.
/// </summary>
public sealed class GridTlsConnectionMiddleware
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    // Sixteen full records per write into TLS and onto the socket when Kestrel has that much buffered (a large answer).
    private const int MaxWriteChunk = 256 * 1024;

    /// <summary>
    /// What Kestrel may write ahead of the TLS pump before its flushes wait: four write chunks, so that on a large answer
    /// the application (decrypting the next image) and the pump (sealing and sending the last) run on their own cores
    /// instead of taking turns every 64 KiB (the pipe's default). Bounds a connection's unsent answer to 1 MiB.
    /// </summary>
    private const int OutputAhead = 4 * MaxWriteChunk;

    private readonly ConnectionDelegate _next;
    private readonly bool _http1;
    private readonly GridTlsServerOptions _options;
    private readonly CredentialAuthenticator _authenticator;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IHandshakeRefusalSink> _refusals;

    /// <param name="http1">
    /// Whether the endpoint also speaks HTTP/1.1: ALPN then offers <c>h2</c> and <c>http/1.1</c>, and Kestrel is told which
    /// one the handshake chose (<see cref="GridTlsProtocolFeatures"/>).
    /// </param>
    public GridTlsConnectionMiddleware(
        ConnectionDelegate next, GridHost host, TimeProvider time, IEnumerable<IHandshakeRefusalSink> refusals, bool http1 = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        _next = next;
        _http1 = http1;
        _options = http1 ? GridTlsProtocolFeatures.WithHttp1(host.TlsOptions) : host.TlsOptions;
        _authenticator = host.Authenticator;
        _time = time;
        _refusals = [.. refusals];
    }

    public async Task OnConnectionAsync(ConnectionContext context)
    {
        var peer = context.RemoteEndPoint?.ToString() ?? "unknown";
        var peerAddress = HandshakeFailures.AddressOf(context.RemoteEndPoint);
        var network = new DuplexStream(
            context.Transport.Input.AsStream(leaveOpen: true), context.Transport.Output.AsStream(leaveOpen: true));
        var tls = await HandshakeAsync(network, context.RemoteEndPoint, context.ConnectionClosed);
        if (tls is null)
        {
            return;
        }

        await using (tls)
        {
            var connection = new GridConnectionFeature(tls.Session, peer);
            CheckCredential(connection, peerAddress);
            var original = context.Transport;
            // Kestrel's pinned block pool, as its own transport uses: the shared array pool missed and zeroed a new
            // array for many of the output pipe's segments on a large answer.
            var pool = context.Features.Get<IMemoryPoolFeature>()?.MemoryPool;
            var input = PipeReader.Create(tls, new StreamPipeReaderOptions(pool: pool, leaveOpen: true));
            var output = new Pipe(new PipeOptions(
                pool: pool, pauseWriterThreshold: OutputAhead, resumeWriterThreshold: OutputAhead / 2, useSynchronizationContext: false));
            context.Transport = new DuplexPipe(input, output.Writer);
            context.Features.Set(connection);
            if (_http1)
            {
                GridTlsProtocolFeatures.Set(context.Features, tls.Session.ApplicationProtocol);
            }
            var pump = PumpAsync(output.Reader, tls);
            try
            {
                await _next(context);
            }
            finally
            {
                await output.Writer.CompleteAsync();
                await pump;
                await input.CompleteAsync();
                context.Transport = original;
            }
        }
    }

    private async Task<GridTlsStream?> HandshakeAsync(Stream network, EndPoint? remote, CancellationToken connectionClosed)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connectionClosed);
        timeout.CancelAfter(HandshakeTimeout);
        try
        {
            return await GridTlsStream.AcceptAsync(network, _options, timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            HandshakeFailures.Report(_refusals, HandshakeFailures.Of(ex, remote, connectionClosed));
            await network.DisposeAsync();
            return null;
        }
    }

    /// <summary>
    /// Validates the client's chain once the handshake is done, so that a connection with a refused credential leaves
    /// a trace even when it makes no call (a probe). The connection still goes on: each call then gets the readable
    /// refusal (and the service's own audit record), which a TLS alert could not carry. A valid identity is cached on
    /// the connection, so calls do not validate it again.
    /// </summary>
    private void CheckCredential(GridConnectionFeature connection, string peerAddress)
    {
        if (connection.Session.PeerChain.Count == 0)
        {
            return;
        }

        try
        {
            connection.Authenticate(_authenticator, _time.GetUtcNow());
        }
        catch (CredentialRefusedException refused)
        {
            var reason = refused.InnerException is GridCredentialException credential
                ? HandshakeRefusal.ReasonFor(credential.Error)
                : HandshakeRefusalReason.InvalidCredential;
            HandshakeFailures.Report(_refusals, new HandshakeRefusal(peerAddress, reason, refused.Message));
        }
    }

    /// <summary>
    /// Moves what Kestrel writes into TLS records. Gathering each flush into one write merges HTTP/2 frames flushed in
    /// the meantime into one record and one socket write.
    /// </summary>
    private static async Task PumpAsync(PipeReader reader, Stream tls)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(MaxWriteChunk);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                while (!buffer.IsEmpty)
                {
                    var length = (int)Math.Min(buffer.Length, MaxWriteChunk);
                    buffer.Slice(0, length).CopyTo(chunk);
                    await tls.WriteAsync(chunk.AsMemory(0, length));
                    buffer = buffer.Slice(length);
                }

                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer went away; Kestrel notices through its own reads.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            await reader.CompleteAsync();
        }
    }
}
