using Hydra.Dicom.Network.Dimse;
using Hydra.Dicom.Network.Protocol;

namespace Hydra.Dicom.Network.Services;

/// <summary>Dispatches the requests a <see cref="DicomServer"/> receives to its services (PS3.4 Annexes A, B, C).</summary>
internal sealed class ServerRequestHandler : IRequestHandler
{
    private readonly DicomServerHandlers _handlers;
    private readonly RetrieveService _retrieve;

    public ServerRequestHandler(DicomServerHandlers handlers, RetrieveService retrieve)
    {
        _handlers = handlers;
        _retrieve = retrieve;
    }

    public Task<FinalResponse> HandleAsync(Association association, IncomingRequest request, CancellationToken cancellationToken) =>
        request.Command.Field switch
        {
            DimseCommandField.CEchoRequest => Task.FromResult(new FinalResponse(DicomStatus.Success)),
            DimseCommandField.CStoreRequest => StoreService.HandleAsync(_handlers.Store, association, request, cancellationToken),
            DimseCommandField.CFindRequest => FindService.HandleAsync(_handlers.Find, association, request, cancellationToken),
            DimseCommandField.CGetRequest or DimseCommandField.CMoveRequest => _retrieve.HandleAsync(association, request, cancellationToken),
            _ => Task.FromResult(new FinalResponse(DicomStatus.UnrecognizedOperation, "This node performs C-ECHO, C-STORE, C-FIND, C-GET and C-MOVE.")),
        };
}
