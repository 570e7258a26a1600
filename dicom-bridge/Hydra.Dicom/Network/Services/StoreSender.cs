using Hydra.Dicom.IO;
using Hydra.Dicom.Network.Dimse;
using Hydra.Dicom.Network.Protocol;

namespace Hydra.Dicom.Network.Services;

/// <summary>
/// Sends one instance by C-STORE on an association (PS3.4 B.2.1): chooses a presentation context for its SOP class,
/// in the instance's own transfer syntax if the peer accepted it, or else converted between uncompressed syntaxes
/// (lossless: values are kept little endian in memory); encapsulated data is never transcoded.
/// </summary>
internal static class StoreSender
{
    /// <summary>An accepted context for the instance, or null; <paramref name="allowed"/> filters (e.g. by role).</summary>
    public static DicomPresentationContext? ChooseContext(DicomAssociationContext association, string sopClassUid, DicomTransferSyntax syntax,
        Func<DicomPresentationContext, bool>? allowed = null)
    {
        var candidates = association.PresentationContexts
            .Where(c => c.IsAccepted && string.Equals(c.AbstractSyntax, sopClassUid, StringComparison.Ordinal) && (allowed?.Invoke(c) ?? true))
            .ToList();
        return candidates.Find(c => c.TransferSyntax!.Equals(syntax))
            ?? (syntax.IsEncapsulated ? null : candidates.Find(c => !c.TransferSyntax!.IsEncapsulated));
    }

    /// <summary>The transfer syntaxes to propose for an instance stored in <paramref name="syntax"/>.</summary>
    public static IReadOnlyList<DicomTransferSyntax> Proposable(DicomTransferSyntax syntax) =>
        syntax.IsEncapsulated
            ? [syntax]
            : [.. new[] { syntax, DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian }.Distinct()];

    /// <summary>Sends the C-STORE-RQ and waits for its response; the wait ends only with the response or the association.</summary>
    public static async Task<DicomStoreResult> SendAsync(Association association, DicomPresentationContext context, DicomFile file,
        string? moveOriginatorAeTitle, ushort? moveOriginatorMessageId, CancellationToken cancellationToken)
    {
        var dataset = file.Dataset;
        var sopClass = dataset.GetString(Dictionary.DicomTags.SOPClassUID) ?? context.AbstractSyntax;
        var sopInstance = dataset.GetString(Dictionary.DicomTags.SOPInstanceUID)
            ?? throw new DicomException("The instance has no SOP Instance UID (0008,0018).");
        var command = DimseCommands.StoreRequest(association.NextMessageId(), sopClass, sopInstance, 0, moveOriginatorAeTitle, moveOriginatorMessageId);
        var syntax = context.TransferSyntax!;
        var pending = await association.SendRequestAsync(context.Id, command,
            (stream, ct) => DicomDatasetWriter.WriteAsync(dataset, stream, syntax, null, ct), cancellationToken).ConfigureAwait(false);
        var response = await pending.NextAsync(CancellationToken.None).ConfigureAwait(false)
            ?? throw new DicomNetworkException("The C-STORE got no response.");
        return new DicomStoreResult(response.Command.Status, response.Command.ErrorComment);
    }
}
