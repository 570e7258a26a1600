using System.Text.Json;
using Hydra.Dicom;
using Hydra.Dicom.Json;

namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// The 200 answer: a JSON array of DICOM JSON objects (PS3.18 F.2), empty when nothing matched (PS3.18 also allows
/// 204; viewers such as OHIF expect a body), with any Warning headers. Written as it is produced, flushed in pieces.
/// </summary>
internal sealed class QidoResult : IResult
{
    private const int FlushBytes = 32 * 1024;

    private readonly IReadOnlyList<DicomDataset> _results;
    private readonly string _mediaType;
    private readonly IReadOnlyList<string> _warnings;

    public QidoResult(IReadOnlyList<DicomDataset> results, string mediaType, IReadOnlyList<string> warnings)
    {
        _results = results;
        _mediaType = mediaType;
        _warnings = warnings;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = _mediaType;
        foreach (var warning in _warnings)
        {
            response.Headers.Append("Warning", warning);
        }

        await using var json = new Utf8JsonWriter(response.BodyWriter);
        json.WriteStartArray();
        foreach (var result in _results)
        {
            DicomJsonWriter.WriteDataset(json, result);
            if (json.BytesPending > FlushBytes)
            {
                await json.FlushAsync(cancellationToken);
                await response.BodyWriter.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }
}
