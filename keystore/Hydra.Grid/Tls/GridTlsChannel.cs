using System.Buffers;
using Org.BouncyCastle.Tls;

namespace Hydra.Grid.Tls;

/// <summary>
/// An established grid TLS connection: application data in and out of TLS records, and the close.
/// </summary>
/// <remarks>
/// BouncyCastle's <see cref="TlsProtocol"/> is not thread-safe while HTTP/2 reads and writes concurrently: every
/// protocol call is taken under one lock, and draining encrypted output to the network is serialised by a semaphore
/// so records leave in the order they were sealed.
/// </remarks>
internal sealed class GridTlsChannel : IDisposable, IAsyncDisposable
{
    private readonly Stream _network;
    private readonly TlsProtocol _protocol;
    private readonly Lock _sync = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly byte[] _receiveBuffer = new byte[GridTlsHandshake.NetworkBufferSize];
    private TlsFatalAlertReceived? _alert;

    public GridTlsChannel(Stream network, TlsProtocol protocol)
    {
        _network = network;
        _protocol = protocol;
    }

    /// <summary>
    /// Reads decrypted application data; 0 once the peer has closed (with close_notify or not). A zero-length
    /// <paramref name="buffer"/> waits until data is available without consuming any.
    /// </summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
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
                try
                {
                    _protocol.OfferInput(_receiveBuffer, 0, received);
                }
                catch (TlsFatalAlertReceived alert)
                {
                    _alert = alert;
                    throw AlertReceived(alert);
                }
            }

            // Records such as key updates and close_notify may need an answer.
            await SendAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Seals <paramref name="buffer"/> into records and sends them.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        lock (_sync)
        {
            try
            {
                _protocol.WriteApplicationData(buffer.Span);
            }
            catch (IOException) when (_alert is not null)
            {
                // A concurrent read took the peer's alert and failed the connection: say why, not just "failed".
                throw AlertReceived(_alert);
            }
        }

        await SendAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _network.FlushAsync(cancellationToken);

    public void Flush() => _network.Flush();

    /// <summary>Sends close_notify (best effort, bounded), then closes the network.</summary>
    public async ValueTask DisposeAsync()
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

    /// <summary>Closes the network without close_notify: the peer sees the connection end, which HTTP/2 tolerates.</summary>
    public void Dispose()
    {
        CloseProtocol();
        _network.Dispose();
        _sendLock.Dispose();
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

    /// <summary>
    /// A fatal alert after the handshake, named so callers can act on it. Under TLS 1.3 a server that requires a
    /// client certificate sends certificate_required only after the client's half of the handshake is done, so it
    /// arrives here, on the first read, rather than in the handshake.
    /// </summary>
    private static GridTlsException AlertReceived(TlsFatalAlertReceived alert) => new(
        alert.AlertDescription == AlertDescription.certificate_required
            ? "The server requires a client certificate (TLS alert certificate_required), and none was presented: give a grid credential, or use a server that takes bearer tokens without one."
            : $"The peer ended the TLS connection: {AlertDescription.GetText(alert.AlertDescription)}.",
        alert);

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
