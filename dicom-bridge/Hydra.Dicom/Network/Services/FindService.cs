using Hydra.Dicom.Network.Protocol;

namespace Hydra.Dicom.Network.Services;

/// <summary>
/// Performs an incoming C-FIND (PS3.4 C.4.1): candidates from the handler, matched by <see cref="DicomQueryMatcher"/>,
/// one pending response (FF00) per match with the requested keys, then success; cancel (FE00) on C-CANCEL.
/// </summary>
internal static class FindService
{
    public static async Task<FinalResponse> HandleAsync(IDicomFindHandler? handler, Association association, IncomingRequest request,
        CancellationToken cancellationToken)
    {
        var (level, failure) = QueryRequestReader.Read(request, DicomSopClasses.FindModels);
        if (failure is not null)
        {
            return failure;
        }

        if (handler is null)
        {
            return new FinalResponse(DicomStatus.SopClassNotSupported, "This node does not answer C-FIND.");
        }

        var identifier = request.Dataset!;
        var find = new DicomFindRequest(association.Context, request.Command.MessageId, request.Command.Priority,
            request.Context.AbstractSyntax, level, identifier);
        await foreach (var candidate in handler.FindAsync(find, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DicomQueryMatcher.Matches(identifier, candidate))
            {
                await association.SendResponseAsync(request, DicomStatus.Pending, DicomQueryMatcher.CreateResponse(identifier, candidate),
                    null, null, cancellationToken).ConfigureAwait(false);
            }
        }

        return new FinalResponse(DicomStatus.Success);
    }
}
