using Hydra.Dicom.Network.Dimse;
using Hydra.Dicom.Network.Protocol;

namespace Hydra.Dicom.Network.Services;

/// <summary>Performs an incoming C-STORE (PS3.4 B.2.2) with an <see cref="IDicomStoreHandler"/>, streaming the data set to it.</summary>
internal static class StoreService
{
    public static async Task<FinalResponse> HandleAsync(IDicomStoreHandler? handler, Association association, IncomingRequest request,
        CancellationToken cancellationToken)
    {
        var command = request.Command;
        if (handler is null || request.Stream is null)
        {
            return new FinalResponse(DicomStatus.SopClassNotSupported, "This node does not accept C-STORE here.");
        }

        if (!string.Equals(command.AffectedSopClassUid, request.Context.AbstractSyntax, StringComparison.Ordinal))
        {
            return new FinalResponse(DicomStatus.SopClassNotSupported, "Affected SOP Class UID differs from the presentation context.");
        }

        if (string.IsNullOrEmpty(command.AffectedSopInstanceUid))
        {
            return new FinalResponse(DicomStatus.CannotUnderstand, "The C-STORE request has no Affected SOP Instance UID.");
        }

        // It names the stored file and its meta information: bytes no UID may hold would fail there, inside the handler.
        if (!DimseCommands.IsUidText(command.AffectedSopInstanceUid))
        {
            return new FinalResponse(DicomStatus.CannotUnderstand, "The Affected SOP Instance UID is not 1-64 digits and dots.");
        }

        var store = new DicomStoreRequest(association.Context, command.MessageId, command.Priority, command.AffectedSopClassUid!,
            command.AffectedSopInstanceUid, request.Context.TransferSyntax!, request.Stream.Stream, association.ReaderOptions)
        {
            MoveOriginatorAeTitle = command.MoveOriginatorAeTitle,
            MoveOriginatorMessageId = command.MoveOriginatorMessageId,
        };
        var result = await handler.StoreAsync(store, cancellationToken).ConfigureAwait(false);
        return new FinalResponse(result.Status, result.ErrorComment);
    }
}
