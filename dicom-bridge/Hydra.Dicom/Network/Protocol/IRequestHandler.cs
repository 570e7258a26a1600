namespace Hydra.Dicom.Network.Protocol;

/// <summary>Performs the requests the peer sends on an association (SCP side; also C-STORE sub-operations of a C-GET SCU).</summary>
internal interface IRequestHandler
{
    /// <summary>
    /// Performs <paramref name="request"/>, sending any pending responses itself, and returns the final response.
    /// <paramref name="cancellationToken"/> fires on C-CANCEL and when the association ends.
    /// </summary>
    Task<FinalResponse> HandleAsync(Association association, IncomingRequest request, CancellationToken cancellationToken);
}
