using System.Threading.Channels;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>A request this side sent, collecting its responses (several for C-FIND, C-GET and C-MOVE) until the final one.</summary>
internal sealed class PendingRequest
{
    private readonly Channel<DimseResponse> _responses = Channel.CreateUnbounded<DimseResponse>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public PendingRequest(ushort messageId, byte contextId)
    {
        MessageId = messageId;
        ContextId = contextId;
    }

    public ushort MessageId { get; }

    public byte ContextId { get; }

    /// <summary>
    /// The next response, or null after the final one. Throws <see cref="DicomNetworkException"/> when the association
    /// ended first.
    /// </summary>
    public async ValueTask<DimseResponse?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _responses.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)
                ? await _responses.Reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                : null;
        }
        catch (ChannelClosedException e)
        {
            throw new DicomNetworkException("The association ended before the response arrived.", e.InnerException ?? e);
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not DicomNetworkException)
        {
            throw new DicomNetworkException("The association ended before the response arrived.", e);
        }
    }

    public void Deliver(DimseResponse response)
    {
        _responses.Writer.TryWrite(response);
        if (!response.Command.Status.IsPending)
        {
            _responses.Writer.TryComplete();
        }
    }

    public void Fail(Exception reason) => _responses.Writer.TryComplete(reason);
}
