using System.Buffers;
using System.Text.Json;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Json;

namespace Hydra.Bridge.DicomWeb.Stow;

/// <summary>
/// The Store Instances response (PS3.18 10.5.3): its status (10.5.3.1) and its body, a DICOM JSON data set (PS3.18
/// F.2: 8-hex-digit keys in tag order, <c>vr</c>, <c>Value</c>) with Retrieve URL (0008,1190), Failed SOP Sequence
/// (0008,1198) and Referenced SOP Sequence (0008,1199), items in part order.
/// </summary>
internal static class StowResponse
{
    /// <summary>200 when every instance was stored as sent, 409 when none was, 202 for failures or warnings among stored ones.</summary>
    public static int Status(IReadOnlyList<StowInstance> instances)
    {
        if (instances.All(i => !i.IsStored))
        {
            return StatusCodes.Status409Conflict;
        }

        return instances.All(i => i.IsStored && i.Warning is null) ? StatusCodes.Status200OK : StatusCodes.Status202Accepted;
    }

    /// <summary>The answer to a transaction that ran: its status and DICOM JSON body in <paramref name="media"/>.</summary>
    public static IResult Answer(IReadOnlyList<StowInstance> instances, string dicomWebRoot, string media) =>
        new Body(Write(instances, dicomWebRoot), media, Status(instances));

    /// <summary>The DICOM JSON body; <paramref name="dicomWebRoot"/> is the absolute <c>/dicom-web</c> URL retrieve URLs start with.</summary>
    public static byte[] Write(IReadOnlyList<StowInstance> instances, string dicomWebRoot)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            DicomJsonWriter.WriteDataset(json, Dataset(instances, dicomWebRoot));
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The response as a data set, so the one DICOM JSON writer gives it the same shape as QIDO and WADO answers.</summary>
    public static DicomDataset Dataset(IReadOnlyList<StowInstance> instances, string dicomWebRoot)
    {
        var response = new DicomDataset();
        var studies = instances.Where(i => i.IsStored && i.StudyInstanceUid is not null).Select(i => i.StudyInstanceUid!).Distinct().ToList();
        if (studies.Count == 1)
        {
            response.SetString(DicomTags.RetrieveURL, DicomVR.UR, $"{dicomWebRoot}/studies/{studies[0]}");
        }

        var failed = instances.Where(i => !i.IsStored).Select(i =>
        {
            var item = Reference(i);
            item.SetNumbers(DicomTags.FailureReason, DicomVR.US, [i.Failure!.Value]);
            return item;
        }).ToList();
        var stored = instances.Where(i => i.IsStored).Select(i =>
        {
            var item = Reference(i);
            if (i.SopInstanceUid is not null && i.StudyInstanceUid is not null)
            {
                item.SetString(DicomTags.RetrieveURL, DicomVR.UR, InstanceUrl(dicomWebRoot, i));
            }

            if (i.Warning is { } warning)
            {
                item.SetNumbers(DicomTags.WarningReason, DicomVR.US, [warning]);
            }

            return item;
        }).ToList();

        // An empty sequence is left out rather than written as one with no items.
        if (failed.Count > 0)
        {
            response.SetSequence(DicomTags.FailedSOPSequence, failed);
        }

        if (stored.Count > 0)
        {
            response.SetSequence(DicomTags.ReferencedSOPSequence, stored);
        }

        return response;
    }

    private static string InstanceUrl(string root, StowInstance i) => string.IsNullOrEmpty(i.SeriesInstanceUid)
        ? $"{root}/studies/{i.StudyInstanceUid}"
        : $"{root}/studies/{i.StudyInstanceUid}/series/{i.SeriesInstanceUid}/instances/{i.SopInstanceUid}";

    // Both references are always present; unknown ones empty (F.2.5: no "Value").
    private static DicomDataset Reference(StowInstance i)
    {
        var item = new DicomDataset();
        SetUid(item, DicomTags.ReferencedSOPClassUID, i.SopClassUid);
        SetUid(item, DicomTags.ReferencedSOPInstanceUID, i.SopInstanceUid);
        return item;
    }

    private static void SetUid(DicomDataset item, DicomTag tag, string? uid)
    {
        if (uid is null)
        {
            item.Set(new DicomValueElement(tag, DicomVR.UI, ReadOnlyMemory<byte>.Empty));
        }
        else
        {
            item.SetString(tag, DicomVR.UI, uid);
        }
    }

    private sealed class Body(byte[] content, string media, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = media;
            httpContext.Response.ContentLength = content.Length;
            return httpContext.Response.Body.WriteAsync(content, httpContext.RequestAborted).AsTask();
        }
    }
}
