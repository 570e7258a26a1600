using System.Globalization;
using System.Text.Json;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Json;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>
/// Metadata of a study, series or instance (PS3.18 10.4.1.1.2): an <c>application/dicom+json</c> array, one object per
/// readable instance, written as each instance is decrypted and parsed (one in memory at a time). Binary elements are
/// <c>BulkDataURI</c>s: Pixel Data points at the instance's frames, others at its <c>bulkdata/{tag}</c>.
/// </summary>
internal static class MetadataEndpoint
{
    public static async Task<IResult> GetAsync(HttpContext context, WadoTarget target, WadoInstances instances, CancellationToken cancellationToken)
    {
        var start = await instances.BeginAsync(context, target, cancellationToken);
        if (start.Refusal is not null)
        {
            return start.Refusal;
        }

        if (DicomWebMedia.Negotiate(context.Request, DicomWebMedia.JsonModel) is null)
        {
            return DicomWebMedia.NotAcceptable(DicomWebMedia.JsonModel);
        }

        var (reader, entries) = (start.Reader!, start.Entries);
        var (first, refusal) = await instances.OpenAsync(entries[0], reader, cancellationToken);
        if (first is null)
        {
            return refusal!;
        }

        context.Response.ContentType = DicomWebMedia.DicomJson;
        context.Response.Headers.CacheControl = "no-store";
        var root = DicomWebPath.ServiceUrl(context.Request);
        var sent = 0;
        var next = first;
        using var later = new KeyBatches(instances, entries, reader, 1, cancellationToken);
        await using var json = new Utf8JsonWriter(context.Response.Body);
        try
        {
            json.WriteStartArray();
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                using (var image = next ?? await later.TakeAsync(i))
                {
                    next = null;
                    var file = await WadoInstances.ReadAsync(image, cancellationToken);
                    DicomJsonWriter.WriteDataset(json, file.Dataset, new DicomJsonOptions(tag => BulkDataUri(root, entry.StudyInstanceUid, entry.SeriesInstanceUid, entry.SopInstanceUid, tag, file.Dataset)));
                }

                await json.FlushAsync(cancellationToken);
                sent++;
            }

            json.WriteEndArray();
            await json.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when ((ex is ClusterException or ContainerException or DicomException or IOException) && !cancellationToken.IsCancellationRequested)
        {
            next?.Dispose();
            json.Reset(); // drops what was not sent, so disposing writes nothing to the reset response
            DicomWebLog.Aborted(instances.Logger, reader.Identity.SubjectText, sent, entries[sent].SopInstanceUid, ex.Message);
            context.Abort();
        }

        return Results.Empty;
    }

    private static string BulkDataUri(string root, string study, string series, string instance, DicomTag tag, DicomDataset dataset)
    {
        var path = $"{root}/studies/{study}/series/{series}/instances/{instance}";
        if (tag == DicomTags.PixelData)
        {
            // The frames resource, as viewers (OHIF's loader) fetch pixel data frame by frame.
            var frames = dataset.TryGetNumber<int>(DicomTags.NumberOfFrames, out var count) && count > 1 ? count : 1;
            return $"{path}/frames/{string.Join(',', Enumerable.Range(1, Math.Min(frames, FrameList.MaxFrames)))}";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{path}/bulkdata/{tag.Value:X8}");
    }
}
