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

    public ChannelReader<DimseResponse> Responses => _responses.Reader;

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
