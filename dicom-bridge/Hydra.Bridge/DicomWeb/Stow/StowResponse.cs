using System.Buffers;
using System.Text.Json;

namespace Hydra.Bridge.DicomWeb.Stow;

/// <summary>
/// The Store Instances response (PS3.18 10.5.3): its status (10.5.3.1) and its body, a DICOM JSON data set (PS3.18
/// F.2: 8-hex-digit keys in tag order, <c>vr</c>, <c>Value</c>) with Retrieve URL (0008,1190), Failed SOP Sequence
/// (0008,1198) and Referenced SOP Sequence (0008,1199), items in part order.
/// </summary>
internal static class StowResponse
{
    private const string RetrieveUrl = "00081190";
    private const string FailedSopSequence = "00081198";
    private const string ReferencedSopSequence = "00081199";
    private const string ReferencedSopClassUid = "00081150";
    private const string ReferencedSopInstanceUid = "00081155";
    private const string WarningReason = "00081196";
    private const string FailureReason = "00081197";

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
            json.WriteStartObject();
            var studies = instances.Where(i => i.IsStored && i.StudyInstanceUid is not null).Select(i => i.StudyInstanceUid!).Distinct().ToList();
            if (studies.Count == 1)
            {
                WriteValue(json, RetrieveUrl, "UR", $"{dicomWebRoot}/studies/{studies[0]}");
            }

            WriteSequence(json, FailedSopSequence, instances.Where(i => !i.IsStored), (item, i) =>
            {
                WriteReference(item, i);
                WriteNumber(item, FailureReason, i.Failure!.Value);
            });
            WriteSequence(json, ReferencedSopSequence, instances.Where(i => i.IsStored), (item, i) =>
            {
                WriteReference(item, i);
                if (i.SopInstanceUid is not null && i.StudyInstanceUid is not null)
                {
                    WriteValue(item, RetrieveUrl, "UR", InstanceUrl(dicomWebRoot, i));
                }

                if (i.Warning is { } warning)
                {
                    WriteNumber(item, WarningReason, warning);
                }
            });
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string InstanceUrl(string root, StowInstance i) => string.IsNullOrEmpty(i.SeriesInstanceUid)
        ? $"{root}/studies/{i.StudyInstanceUid}"
        : $"{root}/studies/{i.StudyInstanceUid}/series/{i.SeriesInstanceUid}/instances/{i.SopInstanceUid}";

    // Both references are always present; unknown ones empty (F.2.5: no "Value").
    private static void WriteReference(Utf8JsonWriter json, StowInstance i)
    {
        WriteValue(json, ReferencedSopClassUid, "UI", i.SopClassUid);
        WriteValue(json, ReferencedSopInstanceUid, "UI", i.SopInstanceUid);
    }

    private static void WriteSequence(Utf8JsonWriter json, string tag, IEnumerable<StowInstance> items, Action<Utf8JsonWriter, StowInstance> write)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        json.WriteStartObject(tag);
        json.WriteString("vr", "SQ");
        json.WriteStartArray("Value");
        foreach (var item in list)
        {
            json.WriteStartObject();
            write(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string tag, string vr, string? value)
    {
        json.WriteStartObject(tag);
        json.WriteString("vr", vr);
        if (value is not null)
        {
            json.WriteStartArray("Value");
            json.WriteStringValue(value);
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string tag, ushort value)
    {
        json.WriteStartObject(tag);
        json.WriteString("vr", "US");
        json.WriteStartArray("Value");
        json.WriteNumberValue(value);
        json.WriteEndArray();
        json.WriteEndObject();
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
