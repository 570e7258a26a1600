using System.Globalization;
using System.Net.Sockets;

namespace Hydra.Dicom.Network.Pdu;

/// <summary>
/// Reads whole PDUs from a stream into one reusable buffer. The header is validated against the limits before the
/// buffer grows for the body; a returned PDU stays valid until the next read. Timeouts: an optional wait for the
/// first byte (idle or ARTIM), then <c>pduTimeout</c> for the rest of the PDU, so a sender that trickles bytes
/// (slow loris) cannot hold an association open.
/// </summary>
internal sealed class PduReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly TimeProvider _timeProvider;
    private readonly Socket? _socket;
    private CancellationTokenSource _timer;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;

    /// <param name="socket">The socket under <paramref name="stream"/> when the stream is plain TCP, else null.</param>
    public PduReader(Stream stream, TimeProvider timeProvider, Socket? socket = null)
    {
        _stream = stream;
        _socket = socket;
        _timeProvider = timeProvider;
        _timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
    }

    /// <summary>
    /// The next PDU (header included), or null when the peer closed the connection between PDUs. Throws
    /// <see cref="DicomPduException"/> for a bad header, <see cref="TimeoutException"/> when a timer runs out and
    /// <see cref="EndOfStreamException"/> when the connection ends inside a PDU.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(PduLimits limits, TimeSpan? firstByteTimeout, TimeSpan pduTimeout,
        CancellationToken cancellationToken)
    {
        Compact();
        if (_end == _start && !await FillAsync(1, firstByteTimeout, "waiting for the next PDU", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await RequireAsync(PduHeader.Size, pduTimeout, cancellationToken).ConfigureAwait(false);
        PduHeader.TryRead(_buffer.AsSpan(_start, _end - _start), out var header);
        header.Validate(limits);
        var total = (int)header.TotalLength;
        if (total > _buffer.Length - _start)
        {
            // Move the PDU's start to the front, into a larger buffer only when it does not fit at all.
            var target = total > _buffer.Length ? new byte[total] : _buffer;
            _buffer.AsSpan(_start, _end - _start).CopyTo(target);
            _end -= _start;
            _start = 0;
            _buffer = target;
        }

        await RequireAsync(total, pduTimeout, cancellationToken).ConfigureAwait(false);
        var pdu = _buffer.AsMemory(_start, total);
        _start += total;
        return pdu;
    }

    public void Dispose() => _timer.Dispose();

    private async ValueTask RequireAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_end - _start < count && !await FillAsync(count, timeout, "reading a PDU", cancellationToken).ConfigureAwait(false))
        {
            throw new EndOfStreamException(string.Create(CultureInfo.InvariantCulture,
                $"The connection closed inside a PDU ({_end - _start} of {count} bytes received)."));
        }
    }

    /// <summary>Reads until <paramref name="count"/> bytes are buffered; false when the stream ends first.</summary>
    private async ValueTask<bool> FillAsync(int count, TimeSpan? timeout, string activity, CancellationToken cancellationToken)
    {
        if (ReceiveAvailable(count))
        {
            return true;
        }

        if (timeout is { } t)
        {
            _timer.CancelAfter(t);
        }

        var link = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _timer);
        try
        {
            while (_end - _start < count)
            {
                var read = await _stream.ReadAsync(_buffer.AsMemory(_end), _timer.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return false;
                }

                _end += read;
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The peer sent nothing for {timeout} while {activity}.");
        }
        finally
        {
            await link.DisposeAsync().ConfigureAwait(false);
            if (!_timer.TryReset())
            {
                // The timer fired as the read completed: start the next read with a fresh one.
                _timer.Dispose();
                _timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeProvider);
            }
        }
    }

    // Bytes the kernel already holds are taken without the asynchronous machinery (one wake-up less per read, as a
    // blocking reader such as storescp has); only plain TCP exposes its socket for this.
    private bool ReceiveAvailable(int count)
    {
        if (_socket is null)
        {
            return false;
        }

        while (_end - _start < count && _end < _buffer.Length && _socket.Available > 0)
        {
            var read = _socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None, out var error);
            if (read <= 0 || error != SocketError.Success)
            {
                return false;
            }

            _end += read;
        }

        return _end - _start >= count;
    }

    private void Compact()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > _buffer.Length / 2)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
    }
}
