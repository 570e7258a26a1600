namespace Hydra.Dicom.Network.Protocol;

/// <summary>A request the peer sent that this side is performing; C-CANCEL cancels it (PS3.7 9.3.2.3).</summary>
internal sealed class Operation : IDisposable
{
    private readonly CancellationTokenSource _cancellation;

    public Operation(IncomingRequest request, CancellationToken lifetime)
    {
        Request = request;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
    }

    public IncomingRequest Request { get; }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>True once the peer sent C-CANCEL for this operation.</summary>
    public bool CancelledByPeer { get; private set; }

    public void CancelByPeer()
    {
        CancelledByPeer = true;
        _cancellation.Cancel();
    }

    public void Dispose() => _cancellation.Dispose();
}
