using Hydra.Bridge.Readers;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Dicom;
using Hydra.Dicom.IO;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>
/// Retrieve a study, series or instance (PS3.18 10.4.1.1.1): <c>multipart/related; type="application/dicom"</c>, one
/// part per readable instance, each decrypted straight into the response, one at a time. The first key is rebuilt before
/// any header goes out, so a refusal is a clean status; a later failure resets the response rather than closing a
/// multipart body that would look complete.
/// </summary>
internal static class RetrieveEndpoint
{
    /// <summary>The uncompressed syntaxes the codec converts between (the data set re-encoded; pixel bytes unchanged).</summary>
    private static readonly HashSet<string> Transcodable =
        [DicomTransferSyntax.ImplicitVRLittleEndian.Uid, DicomTransferSyntax.ExplicitVRLittleEndian.Uid];

    public static async Task<IResult> GetAsync(HttpContext context, WadoTarget target, WadoInstances instances, CancellationToken cancellationToken)
    {
        var start = await instances.BeginAsync(context, target, cancellationToken);
        if (start.Refusal is not null)
        {
            return start.Refusal;
        }

        var entries = start.Entries;
        var negotiated = DicomWebMedia.Negotiate(context.Request, DicomWebMedia.Instances, syntax => entries.All(e => CanServe(e.TransferSyntaxUid, syntax)));
        if (negotiated is null)
        {
            var stored = string.Join(", ", entries.Select(e => e.TransferSyntaxUid).Distinct(StringComparer.Ordinal));
            return DicomWebMedia.NotAcceptable(DicomWebMedia.Instances,
                $"transfer-syntax may be * or as stored ({stored}); Implicit and Explicit VR Little Endian are converted into each other.");
        }

        var reader = start.Reader!;
        var (first, refusal) = await instances.OpenAsync(entries[0], reader, cancellationToken);
        if (first is null)
        {
            return refusal!;
        }

        var multipart = new MultipartWriter(context.Response, DicomWebMedia.Dicom);
        var sent = 0;
        var image = first;
        using var later = new KeyBatches(instances, entries, reader, 1, cancellationToken);
        try
        {
            for (var i = 0; i < entries.Count; i++)
            {
                using (image)
                {
                    await WritePartAsync(multipart, image, negotiated.TransferSyntax, cancellationToken);
                }

                sent++;
                if (i + 1 < entries.Count)
                {
                    image = await later.TakeAsync(i + 1);
                }
            }

            await multipart.EndAsync(cancellationToken);
        }
        catch (Exception ex) when ((ex is ClusterException or ContainerException or DicomException or IOException) && !cancellationToken.IsCancellationRequested)
        {
            DicomWebLog.Aborted(instances.Logger, reader.Identity.SubjectText, sent, entries[sent].SopInstanceUid, ex.Message);
            context.Abort();
            return Results.Empty;
        }

        DicomWebLog.Retrieved(instances.Logger, reader.Identity.SubjectText, sent, target.Level, target.Uid);
        return Results.Empty;
    }

    private static async Task WritePartAsync(MultipartWriter multipart, DecryptedImage image, string? syntax, CancellationToken cancellationToken)
    {
        var stored = image.Entry.TransferSyntaxUid;
        var target = syntax ?? stored;
        await multipart.BeginPartAsync($"{DicomWebMedia.Dicom}; transfer-syntax={target}", cancellationToken);
        if (target == stored)
        {
            await image.CopyToAsync(multipart.Body, cancellationToken);
            return;
        }

        // Conversion needs the data set parsed: this one instance is held in memory, never more.
        var file = await WadoInstances.ReadAsync(image, cancellationToken);
        file.TransferSyntax = DicomTransferSyntax.Lookup(target);
        await file.WriteAsync(multipart.Body, DicomWriterOptions.Default, cancellationToken);
    }

    private static bool CanServe(string stored, string asked) =>
        asked == DicomWebMedia.AnySyntax || asked == stored || (Transcodable.Contains(stored) && Transcodable.Contains(asked));
}
