using System.Buffers.Binary;
using Hydra.Dicom.Network.Pdu;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>
/// A write-only stream that cuts one message part (a command set or a data set) into P-DATA-TF PDUs of one PDV each
/// (PS3.8 9.3.5, Annex E): fragments of even length no larger than the peer's maximum, the last one flagged, and
/// every PDU handed to the transport with one write. A full buffer is held back until more bytes arrive, so the
/// last fragment is never empty.
/// </summary>
internal sealed class PDataStream : Stream
{
    private const int HeaderLength = PduHeader.Size + 6;

    private readonly Stream _transport;
    private readonly byte[] _buffer;
    private readonly byte _contextId;
    private readonly bool _isCommand;
    private int _filled;

    /// <param name="buffer">The association's send buffer: <see cref="HeaderLength"/> + an even fragment size.</param>
    public PDataStream(Stream transport, byte[] buffer, byte contextId, bool isCommand)
    {
        _transport = transport;
        _buffer = buffer;
        _contextId = contextId;
        _isCommand = isCommand;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The send buffer size for a peer that receives PDUs of up to <paramref name="maxPduLength"/> (0 = no limit).</summary>
    public static int BufferSize(uint maxPduLength, int ownCap)
    {
        var pdu = maxPduLength == 0 ? ownCap : (int)Math.Min(maxPduLength, (uint)ownCap);
        var fragment = (pdu - 6) & ~1;
        return HeaderLength + Math.Max(fragment, 2);
    }

    /// <summary>Sends what is buffered as the last fragment.</summary>
    public ValueTask CompleteAsync(CancellationToken cancellationToken) => SendAsync(last: true, cancellationToken);

    /// <summary>Not supported: P-DATA goes out asynchronously only.</summary>
    public override void Write(ReadOnlySpan<byte> buffer) => throw new NotSupportedException("Write P-DATA asynchronously.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Write P-DATA asynchronously.");

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            if (_filled == _buffer.Length - HeaderLength)
            {
                await SendAsync(last: false, cancellationToken).ConfigureAwait(false);
            }

            var count = Math.Min(buffer.Length, _buffer.Length - HeaderLength - _filled);
            buffer.Span[..count].CopyTo(_buffer.AsSpan(HeaderLength + _filled));
            _filled += count;
            buffer = buffer[count..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async ValueTask SendAsync(bool last, CancellationToken cancellationToken)
    {
        if ((_filled & 1) != 0)
        {
            throw new DicomNetworkException("A message part has odd length; DICOM encodings are even (PS3.5 7.1.1).");
        }

        PduHeader.Write(_buffer, PduType.DataTransfer, (uint)(_filled + 6));
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(PduHeader.Size), (uint)(_filled + 2));
        _buffer[PduHeader.Size + 4] = _contextId;
        _buffer[PduHeader.Size + 5] = (byte)((_isCommand ? Pdv.CommandBit : 0) | (last ? Pdv.LastBit : 0));
        await _transport.WriteAsync(_buffer.AsMemory(0, HeaderLength + _filled), cancellationToken).ConfigureAwait(false);
        _filled = 0;
    }
}
