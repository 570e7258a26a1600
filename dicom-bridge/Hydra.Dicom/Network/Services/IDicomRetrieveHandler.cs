namespace Hydra.Dicom.Network.Services;

/// <summary>
/// Decides what a C-GET or C-MOVE sends (PS3.4 C.4.2, C.4.3). The server performs the sub-operations: C-STORE on the
/// same association for C-GET (the requestor must have taken the SCP role for each SOP class), on a new association
/// to the configured destination for C-MOVE, with pending responses counting them, and C-CANCEL honoured.
/// </summary>
public interface IDicomRetrieveHandler
{
    /// <summary>The instances matching the request; throw <see cref="DicomServiceException"/> to refuse (e.g. 0124).</summary>
    Task<IReadOnlyList<DicomRetrieveInstance>> FindInstancesAsync(DicomRetrieveRequest request, CancellationToken cancellationToken);
}
