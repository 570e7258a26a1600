using System.Collections.Concurrent;
using Hydra.Dicom.Network.Services;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>A C-STORE handler that keeps each received data set's raw bytes (no parsing) with its request facts.</summary>
public sealed class RecordingStoreHandler : IDicomStoreHandler
{
    private readonly ConcurrentQueue<ReceivedInstance> _received = new();

    public IReadOnlyList<ReceivedInstance> Received => [.. _received];

    /// <summary>The status to answer; success by default.</summary>
    public Func<DicomStoreRequest, DicomStoreResult> Answer { get; set; } = _ => DicomStoreResult.Success;

    public async Task<DicomStoreResult> StoreAsync(DicomStoreRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.CopyDatasetToAsync(buffer, cancellationToken);
        _received.Enqueue(new ReceivedInstance(request.SopClassUid, request.SopInstanceUid, request.TransferSyntax, buffer.ToArray(),
            request.Association.CallingAeTitle, request.Association.PeerIdentity?.Name, request.MoveOriginatorAeTitle));
        return Answer(request);
    }
}
