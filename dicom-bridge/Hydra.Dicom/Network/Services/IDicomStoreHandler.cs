namespace Hydra.Dicom.Network.Services;

/// <summary>
/// Receives C-STORE requests (PS3.4 Annex B). Called as soon as the command arrives; the data set streams in through
/// <see cref="DicomStoreRequest.DatasetStream"/> while the handler reads it. Called concurrently for different
/// associations: implementations must be thread-safe.
/// </summary>
public interface IDicomStoreHandler
{
    /// <summary>
    /// Stores one instance and answers its status. Throwing answers 0110 (C000 for a malformed data set;
    /// <see cref="DicomServiceException"/> for a chosen status).
    /// </summary>
    Task<DicomStoreResult> StoreAsync(DicomStoreRequest request, CancellationToken cancellationToken);
}
