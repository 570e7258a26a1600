using Org.BouncyCastle.Tls;

namespace Hydra.Grid.Tls;

/// <summary>
/// A TLS connection run by BouncyCastle in non-blocking mode over a network stream.
/// </summary>
/// <remarks>
/// .NET's TLS stack throws on RFC 3820 proxy chains (dotnet/runtime#41916) on both ends, so grid credentials travel
/// over this stream instead. Reads and writes may run concurrently (HTTP/2 does); the handshake is
/// <see cref="GridTlsHandshake"/>'s, the records <see cref="GridTlsChannel"/>'s.
/// </remarks>
public sealed class GridTlsStream : Stream
{
    private readonly GridTlsChannel _channel;
    private int _disposed;

    private GridTlsStream(GridTlsChannel channel, GridTlsSession session)
    {
        _channel = channel;
        Session = session;
    }

    /// <summary>What the handshake negotiated and what the peer presented.</summary>
    public GridTlsSession Session { get; }

    /// <summary>Runs a client handshake over <paramref name="network"/> and returns the connected stream.</summary>
    public static Task<GridTlsStream> ConnectAsync(Stream network, GridTlsClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new GridTlsClient(options);
        var protocol = new TlsClientProtocol();
        return HandshakeAsync(network, protocol, () => protocol.Connect(client), client.CreateSession, cancellationToken);
    }

    /// <summary>Runs a server handshake over <paramref name="network"/> and returns the connected stream.</summary>
    /// <exception cref="GridTlsException">The handshake failed; <see cref="GridTlsException.Reason"/> says whether for a missing client certificate.</exception>
    public static async Task<GridTlsStream> AcceptAsync(Stream network, GridTlsServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var server = new GridTlsServer(options);
        var protocol = new TlsServerProtocol();
        try
        {
            return await HandshakeAsync(network, protocol, () => protocol.Accept(server), server.CreateSession, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (GridTlsException refused) when (server.RefusedMissingCertificate)
        {
            throw new GridTlsException(refused.Message, refused.InnerException ?? refused) { Reason = HandshakeRefusalReason.NoCertificate };
        }
    }

    private static async Task<GridTlsStream> HandshakeAsync(
        Stream network,
        TlsProtocol protocol,
        Action begin,
        Func<GridTlsSession> createSession,
        CancellationToken cancellationToken)
    {
        await GridTlsHandshake.RunAsync(network, protocol, begin, cancellationToken).ConfigureAwait(false);
        return new GridTlsStream(new GridTlsChannel(network, protocol), createSession());
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Reads decrypted application data. Returns 0 once the peer has closed, whether it sent close_notify or only
    /// closed the connection; throws <see cref="IOException"/> when the connection breaks inside a record or the peer
    /// sends a fatal alert. A zero-length read waits until data is available without consuming any.
    /// </summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _channel.ReadAsync(buffer, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _channel.WriteAsync(buffer, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => _channel.FlushAsync(cancellationToken);

    public override void Flush() => _channel.Flush();

    /// <summary>Synchronous reads are not offered: every user of this stream (HTTP/2, DIMSE) reads asynchronously.</summary>
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("GridTlsStream is asynchronous only; use ReadAsync.");

    /// <summary>Synchronous writes are not offered: every user of this stream writes asynchronously.</summary>
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("GridTlsStream is asynchronous only; use WriteAsync.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Sends close_notify (best effort, at most 2 seconds), then closes the network. Idempotent.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the network without close_notify (the peer's reads end all the same). Idempotent.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Dispose();
        }

        base.Dispose(disposing);
    }
}
