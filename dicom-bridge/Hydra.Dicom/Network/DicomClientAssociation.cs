using System.Runtime.CompilerServices;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;
using Hydra.Dicom.Network.Dimse;
using Hydra.Dicom.Network.Protocol;
using Hydra.Dicom.Network.Services;

namespace Hydra.Dicom.Network;

/// <summary>
/// An association opened by <see cref="DicomClient"/>: DIMSE-C operations one after another, then
/// <see cref="ReleaseAsync"/>. Disposing without release aborts. Not for concurrent use.
/// </summary>
public sealed class DicomClientAssociation : IAsyncDisposable
{
    private readonly Association _association;

    internal DicomClientAssociation(Association association) => _association = association;

    internal Association Association => _association;

    /// <summary>The negotiated association: accepted contexts, the peer's limits and identity.</summary>
    public DicomAssociationContext Context => _association.Context;

    /// <summary>C-ECHO (PS3.7 9.3.5): the status the peer answers.</summary>
    public async Task<DicomStatus> EchoAsync(CancellationToken cancellationToken)
    {
        var context = RequireContext(DicomSopClasses.Verification);
        var command = DimseCommands.Request(DimseCommandField.CEchoRequest, _association.NextMessageId(), DicomSopClasses.Verification, hasDataset: false);
        var pending = await _association.SendRequestAsync(context.Id, command, null, cancellationToken).ConfigureAwait(false);
        return (await FinalAsync(pending).ConfigureAwait(false)).Command.Status;
    }

    /// <summary>
    /// C-STORE of one instance (PS3.7 9.3.1): sent in its own transfer syntax when accepted, else converted between
    /// uncompressed syntaxes. Throws <see cref="DicomNetworkException"/> when no accepted context can carry it.
    /// </summary>
    public Task<DicomStoreResult> StoreAsync(DicomFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sopClass = file.Dataset.GetString(DicomTags.SOPClassUID) ?? throw new ArgumentException("The file has no SOP Class UID.", nameof(file));
        var context = StoreSender.ChooseContext(Context, sopClass, file.TransferSyntax)
            ?? throw new DicomNetworkException($"The peer accepted no presentation context for {sopClass} that can carry {file.TransferSyntax}.");
        return StoreSender.SendAsync(_association, context, file, null, null, cancellationToken);
    }

    /// <summary>
    /// C-FIND (PS3.7 9.3.2): each match as it arrives. Cancelling <paramref name="cancellationToken"/> sends C-CANCEL
    /// and waits for the final response. A failure status throws <see cref="DicomServiceException"/>.
    /// </summary>
    public async IAsyncEnumerable<DicomDataset> FindAsync(string informationModel, DicomDataset identifier,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var context = RequireContext(informationModel);
        var command = DimseCommands.Request(DimseCommandField.CFindRequest, _association.NextMessageId(), informationModel, hasDataset: true);
        var pending = await SendWithIdentifierAsync(context, command, identifier, cancellationToken).ConfigureAwait(false);
        using var cancel = cancellationToken.Register(() => _ = CancelQuietlyAsync(pending));
        while (await pending.NextAsync(CancellationToken.None).ConfigureAwait(false) is { } response)
        {
            var status = response.Command.Status;
            if (status.IsPending)
            {
                if (response.Dataset is { } match)
                {
                    yield return match;
                }

                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (status.IsFailure)
            {
                throw new DicomServiceException(status, $"C-FIND failed with status {status}: {response.Command.ErrorComment}");
            }
        }
    }

    /// <summary>C-MOVE (PS3.7 9.3.4): asks the peer to send the matching instances to <paramref name="destinationAeTitle"/>.</summary>
    public async Task<DicomRetrieveResult> MoveAsync(string informationModel, DicomDataset identifier, string destinationAeTitle,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(destinationAeTitle);
        var context = RequireContext(informationModel);
        var command = DimseCommands.MoveRequest(_association.NextMessageId(), informationModel, destinationAeTitle, 0);
        return await RetrieveAsync(context, command, identifier, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// C-GET (PS3.7 9.3.3): the matching instances come back on this association to the store handler given at
    /// connect, for SOP classes whose SCP role was agreed.
    /// </summary>
    public Task<DicomRetrieveResult> GetAsync(string informationModel, DicomDataset identifier, CancellationToken cancellationToken)
    {
        var context = RequireContext(informationModel);
        var command = DimseCommands.Request(DimseCommandField.CGetRequest, _association.NextMessageId(), informationModel, hasDataset: true);
        return RetrieveAsync(context, command, identifier, cancellationToken);
    }

    /// <summary>Releases the association in order (A-RELEASE, PS3.8 7.2).</summary>
    public Task ReleaseAsync(CancellationToken cancellationToken) => _association.ReleaseAsync(cancellationToken);

    /// <summary>Aborts the association (A-ABORT, PS3.8 7.3).</summary>
    public Task AbortAsync() => _association.AbortAsync("aborted by the application");

    public ValueTask DisposeAsync() => _association.DisposeAsync();

    private async Task<DicomRetrieveResult> RetrieveAsync(DicomPresentationContext context, DicomDataset command, DicomDataset identifier,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var pending = await SendWithIdentifierAsync(context, command, identifier, cancellationToken).ConfigureAwait(false);
        using var cancel = cancellationToken.Register(() => _ = CancelQuietlyAsync(pending));
        var final = await FinalAsync(pending).ConfigureAwait(false);
        var failed = final.Dataset?.GetStrings(DicomTags.FailedSOPInstanceUIDList) ?? [];
        return new DicomRetrieveResult(final.Command.Status, final.Command.SubOperations ?? default, failed, final.Command.ErrorComment);
    }

    private Task<PendingRequest> SendWithIdentifierAsync(DicomPresentationContext context, DicomDataset command, DicomDataset identifier,
        CancellationToken cancellationToken) =>
        _association.SendRequestAsync(context.Id, command,
            (stream, ct) => DicomDatasetWriter.WriteAsync(identifier, stream, context.TransferSyntax!, null, ct), cancellationToken);

    private async Task CancelQuietlyAsync(PendingRequest pending)
    {
        try
        {
            await _association.SendCancelAsync(pending, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DicomNetworkException)
        {
            // The association ended; the waiting call reports it.
        }
    }

    private static async Task<DimseResponse> FinalAsync(PendingRequest pending)
    {
        DimseResponse? last = null;
        while (await pending.NextAsync(CancellationToken.None).ConfigureAwait(false) is { } response)
        {
            last = response;
        }

        return last ?? throw new DicomNetworkException("The request ended without a final response.");
    }

    private DicomPresentationContext RequireContext(string abstractSyntax) =>
        Context.PresentationContexts.FirstOrDefault(c => c.IsAccepted && c.AbstractSyntax == abstractSyntax)
            ?? throw new DicomNetworkException($"The peer accepted no presentation context for {abstractSyntax}.");
}
