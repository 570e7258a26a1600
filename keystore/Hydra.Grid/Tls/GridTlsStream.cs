using System.Buffers;
using Org.BouncyCastle.Tls;

namespace Hydra.Grid.Tls;

/// <summary>
/// A TLS connection run by BouncyCastle in non-blocking mode over a network stream.
/// </summary>
/// <remarks>
/// .NET's TLS stack throws on RFC 3820 proxy chains (dotnet/runtime#41916) on both ends, so grid credentials travel
/// over this stream instead. BouncyCastle's <see cref="TlsProtocol"/> is not thread-safe while HTTP/2 reads and writes
/// concurrently: every protocol call is taken under one lock, and draining encrypted output to the network is
/// serialised by a semaphore so records leave in the order they were sealed.
/// </remarks>
public sealed class GridTlsStream : Stream
{
    private const int NetworkBufferSize = 32 * 1024;

    private readonly Stream _network;
    private readonly TlsProtocol _protocol;
    private readonly Lock _sync = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly byte[] _receiveBuffer = new byte[NetworkBufferSize];
    private int _disposed;

    private GridTlsStream(Stream network, TlsProtocol protocol, GridTlsSession session)
    {
        _network = network;
        _protocol = protocol;
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
    public static Task<GridTlsStream> AcceptAsync(Stream network, GridTlsServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var server = new GridTlsServer(options);
        var protocol = new TlsServerProtocol();
        return HandshakeAsync(network, protocol, () => protocol.Accept(server), server.CreateSession, cancellationToken);
    }

    private static async Task<GridTlsStream> HandshakeAsync(
        Stream network,
        TlsProtocol protocol,
        Action begin,
        Func<GridTlsSession> createSession,
        CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(NetworkBufferSize);
        try
        {
            try
            {
                begin();
                while (true)
                {
                    await SendPendingAsync(network, protocol, cancellationToken).ConfigureAwait(false);
                    if (protocol.IsConnected && !protocol.IsHandshaking)
                    {
                        break;
                    }

                    var read = await network.ReadAsync(buffer.AsMemory(0, NetworkBufferSize), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException("The peer closed the connection during the TLS handshake.");
                    }

                    protocol.OfferInput(buffer, 0, read);
                }
            }
            catch (TlsFatalAlert alert)
            {
                // Tell the peer why (the alert BouncyCastle queued), then fail with a readable reason.
                await TrySendPendingAsync(network, protocol).ConfigureAwait(false);
                throw new GridTlsException(DescribeAlert(alert), alert);
            }
            catch (TlsFatalAlertReceived alert)
            {
                throw new GridTlsException(
                    $"The peer refused the TLS handshake: {AlertDescription.GetText(alert.AlertDescription)}.", alert);
            }

            return new GridTlsStream(network, protocol, createSession());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string DescribeAlert(TlsFatalAlert alert)
    {
        var text = AlertDescription.GetText(alert.AlertDescription);
        return alert.InnerException is GridTlsException inner
            ? $"TLS handshake failed ({text}): {inner.Message}"
            : $"TLS handshake failed: {text}{(string.IsNullOrEmpty(alert.Message) ? string.Empty : " (" + alert.Message + ")")}.";
    }

    private static async Task SendPendingAsync(Stream network, TlsProtocol protocol, CancellationToken cancellationToken)
    {
        var available = protocol.GetAvailableOutputBytes();
        if (available == 0)
        {
            return;
        }

        var chunk = ArrayPool<byte>.Shared.Rent(available);
        try
        {
            var count = protocol.ReadOutput(chunk, 0, available);
            await network.WriteAsync(chunk.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            await network.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static async Task TrySendPendingAsync(Stream network, TlsProtocol protocol)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await SendPendingAsync(network, protocol, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The alert is a courtesy; the handshake has failed either way.
        }
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

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (buffer.IsEmpty)
            {
                // A zero-byte read (HttpClient's HTTP/2 loop issues them) waits for data without consuming any.
                if (HasDecrypted())
                {
                    return 0;
                }
            }
            else
            {
                var copied = TryReadDecrypted(buffer.Span);
                if (copied != 0)
                {
                    return copied;
                }
            }

            lock (_sync)
            {
                if (_protocol.IsClosed)
                {
                    return 0;
                }
            }

            var received = await _network.ReadAsync(_receiveBuffer, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                return OnNetworkEnd(buffer.Span);
            }

            lock (_sync)
            {
                _protocol.OfferInput(_receiveBuffer, 0, received);
            }

            // Records such as key updates and close_notify may need an answer.
            await SendAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool HasDecrypted()
    {
        lock (_sync)
        {
            return _protocol.GetAvailableInputBytes() > 0;
        }
    }

    private int TryReadDecrypted(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        lock (_sync)
        {
            var available = _protocol.GetAvailableInputBytes();
            if (available == 0)
            {
                return 0;
            }

            var count = Math.Min(available, destination.Length);
            var chunk = ArrayPool<byte>.Shared.Rent(count);
            try
            {
                var read = _protocol.ReadInput(chunk, 0, count);
                chunk.AsSpan(0, read).CopyTo(destination);
                return read;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
            }
        }
    }

    private int OnNetworkEnd(Span<byte> destination)
    {
        lock (_sync)
        {
            try
            {
                _protocol.CloseInput();
            }
            catch (TlsNoCloseNotifyException)
            {
                // A peer that drops the connection without close_notify ends the stream all the same; HTTP/2 framing
                // detects a truncated exchange on its own.
            }
        }

        return TryReadDecrypted(destination);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        lock (_sync)
        {
            _protocol.WriteApplicationData(buffer.Span);
        }

        await SendAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                byte[] chunk;
                int count;
                lock (_sync)
                {
                    var available = _protocol.GetAvailableOutputBytes();
                    if (available == 0)
                    {
                        break;
                    }

                    chunk = ArrayPool<byte>.Shared.Rent(available);
                    count = _protocol.ReadOutput(chunk, 0, available);
                }

                try
                {
                    await _network.WriteAsync(chunk.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk);
                }
            }

            await _network.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _network.FlushAsync(cancellationToken);

    public override void Flush() => _network.Flush();

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

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                CloseProtocol();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await SendAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // close_notify is best effort when the network is already gone.
            }
            finally
            {
                await _network.DisposeAsync().ConfigureAwait(false);
                _sendLock.Dispose();
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Synchronous disposal skips close_notify: the peer sees the connection end, which HTTP/2 tolerates.
            CloseProtocol();
            _network.Dispose();
            _sendLock.Dispose();
        }

        base.Dispose(disposing);
    }

    private void CloseProtocol()
    {
        lock (_sync)
        {
            if (!_protocol.IsClosed)
            {
                _protocol.Close();
            }
        }
    }
}
