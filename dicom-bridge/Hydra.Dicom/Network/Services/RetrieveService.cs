using Hydra.Dicom.Network.Dimse;
using Hydra.Dicom.Network.Protocol;
using Microsoft.Extensions.Logging;

namespace Hydra.Dicom.Network.Services;

/// <summary>
/// Performs incoming C-GET and C-MOVE (PS3.4 C.4.2, C.4.3): the handler names the instances, each is sent by a
/// C-STORE sub-operation, a pending response follows each, and a C-CANCEL stops the loop between sub-operations (a
/// sub-operation in flight always finishes, so no response is left dangling).
/// </summary>
internal sealed class RetrieveService
{
    private readonly IDicomRetrieveHandler? _handler;
    private readonly DicomServerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;

    public RetrieveService(IDicomRetrieveHandler? handler, DicomServerOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _handler = handler;
        _options = options;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
    }

    public async Task<FinalResponse> HandleAsync(Association association, IncomingRequest request, CancellationToken cancellationToken)
    {
        var isMove = request.Command.Field == DimseCommandField.CMoveRequest;
        var (level, failure) = QueryRequestReader.Read(request, isMove ? DicomSopClasses.MoveModels : DicomSopClasses.GetModels);
        if (failure is not null)
        {
            return failure;
        }

        if (_handler is null)
        {
            return new FinalResponse(DicomStatus.SopClassNotSupported, "This node does not serve C-GET or C-MOVE.");
        }

        DicomMoveDestination? destination = null;
        var destinationAe = isMove ? request.Command.MoveDestination ?? string.Empty : null;
        if (destinationAe is not null && !_options.MoveDestinations.TryGetValue(destinationAe, out destination))
        {
            DicomNetworkLog.MoveDestinationUnknown(association.Logger, association.Context.Id, destinationAe);
            return new FinalResponse(DicomStatus.MoveDestinationUnknown, "Move destination unknown.");
        }

        var retrieve = new DicomRetrieveRequest(association.Context, request.Command.MessageId, request.Command.Priority,
            request.Context.AbstractSyntax, level, request.Dataset!, destinationAe);
        var instances = await _handler.FindInstancesAsync(retrieve, cancellationToken).ConfigureAwait(false);
        var progress = new RetrieveProgress(instances.Count);
        if (instances.Count == 0)
        {
            return progress.Final(cancelled: false);
        }

        if (destination is null)
        {
            return await SendAllAsync(association, association, request, instances, progress, isMove: false, cancellationToken).ConfigureAwait(false);
        }

        await using var target = await ConnectAsync(destinationAe!, destination, instances, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return new FinalResponse(DicomStatus.OutOfResourcesUnableToPerformSubOperations, "Cannot associate with the move destination.",
                progress.Counts);
        }

        var final = await SendAllAsync(association, target.Association, request, instances, progress, isMove: true, cancellationToken)
            .ConfigureAwait(false);
        await target.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        return final;
    }

    private static async Task<FinalResponse> SendAllAsync(Association origin, Association target, IncomingRequest request,
        IReadOnlyList<DicomRetrieveInstance> instances, RetrieveProgress progress, bool isMove, CancellationToken cancellationToken)
    {
        for (var i = 0; i < instances.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return progress.Final(cancelled: true);
            }

            var instance = instances[i];
            DicomStatus status;
            try
            {
                status = await SendOneAsync(origin, target, request, instance, i, isMove, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !origin.Lifetime.IsCancellationRequested)
            {
                return progress.Final(cancelled: true); // cancelled while loading the instance, before its C-STORE began
            }

            progress.Record(instance.SopInstanceUid, status);
            if (i < instances.Count - 1)
            {
                await origin.SendResponseAsync(request, DicomStatus.Pending, null, progress.Counts, null, origin.Lifetime).ConfigureAwait(false);
            }
        }

        return progress.Final(cancelled: false);
    }

    private static async Task<DicomStatus> SendOneAsync(Association origin, Association target, IncomingRequest request,
        DicomRetrieveInstance instance, int index, bool isMove, CancellationToken cancellationToken)
    {
        // C-GET: only contexts whose SOP class the requestor agreed to receive as SCP (PS3.4 C.4.3.1.2).
        var context = StoreSender.ChooseContext(target.Context, instance.SopClassUid, instance.TransferSyntax,
            isMove ? null : c => target.Context.RequestorMayActAsScp(c.AbstractSyntax));
        var operation = isMove ? "C-MOVE" : "C-GET";
        if (context is null)
        {
            DicomNetworkLog.SubOperationFailed(origin.Logger, origin.Context.Id, operation, index,
                "no accepted presentation context (with SCP role for C-GET) for the instance's SOP class and transfer syntax");
            return DicomStatus.SopClassNotSupported;
        }

        try
        {
            var file = await instance.OpenAsync(cancellationToken).ConfigureAwait(false);
            var result = await StoreSender.SendAsync(target, context, file, isMove ? origin.Context.CallingAeTitle : null,
                isMove ? request.Command.MessageId : null, CancellationToken.None).ConfigureAwait(false);
            if (!result.Status.IsSuccess)
            {
                DicomNetworkLog.SubOperationFailed(origin.Logger, origin.Context.Id, operation, index, $"the store SCP answered {result.Status}");
            }

            return result.Status;
        }
        catch (Exception e) when (e is DicomException or IOException)
        {
            DicomNetworkLog.SubOperationFailed(origin.Logger, origin.Context.Id, operation, index, e.Message);
            return DicomStatus.ProcessingFailure;
        }
    }

    private async Task<DicomClientAssociation?> ConnectAsync(string aeTitle, DicomMoveDestination destination,
        IReadOnlyList<DicomRetrieveInstance> instances, CancellationToken cancellationToken)
    {
        var proposal = new DicomAssociationProposal();
        foreach (var instance in instances.DistinctBy(i => (i.SopClassUid, i.TransferSyntax.Uid)).Take(128))
        {
            proposal.AddStorage(instance.SopClassUid, instance.TransferSyntax);
        }

        var client = new DicomClient(new DicomClientOptions
        {
            CallingAeTitle = _options.AeTitle,
            CalledAeTitle = aeTitle,
            Host = destination.Host,
            Port = destination.Port,
            Tls = destination.UseTls ? _options.OutboundTls ?? throw new DicomServiceException(
                DicomStatus.OutOfResourcesUnableToPerformSubOperations, "No outbound TLS is configured for the move destination.") : null,
            ArtimTimeout = _options.ArtimTimeout,
            DimseTimeout = _options.DimseTimeout,
            MaxPduLength = _options.MaxPduLength,
        }, _loggerFactory, _timeProvider);
        try
        {
            return await client.ConnectAsync(proposal, null, cancellationToken).ConfigureAwait(false);
        }
        catch (DicomNetworkException)
        {
            return null;
        }
    }
}
