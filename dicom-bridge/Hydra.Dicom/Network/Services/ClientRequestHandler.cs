using Hydra.Dicom.Network.Dimse;
using Hydra.Dicom.Network.Protocol;

namespace Hydra.Dicom.Network.Services;

/// <summary>What a requestor performs for its peer: the C-STORE sub-operations of its own C-GET (PS3.4 C.4.3).</summary>
internal sealed class ClientRequestHandler : IRequestHandler
{
    private readonly IDicomStoreHandler _store;

    public ClientRequestHandler(IDicomStoreHandler store) => _store = store;

    public Task<FinalResponse> HandleAsync(Association association, IncomingRequest request, CancellationToken cancellationToken) =>
        request.Command.Field == DimseCommandField.CStoreRequest
            ? StoreService.HandleAsync(_store, association, request, cancellationToken)
            : Task.FromResult(new FinalResponse(DicomStatus.UnrecognizedOperation, "A C-GET SCU performs only C-STORE."));
}
