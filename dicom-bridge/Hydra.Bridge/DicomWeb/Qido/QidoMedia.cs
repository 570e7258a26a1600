using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// <c>Accept</c> negotiation for QIDO-RS (PS3.18 8.7.3, 10.6.2): the answer is always DICOM JSON, served as
/// <c>application/dicom+json</c>, or as <c>application/json</c> to a client that accepts only that. XML
/// (<c>multipart/related; type="application/dicom+xml"</c>) and anything else is 406.
/// </summary>
internal static class QidoMedia
{
    public const string DicomJson = "application/dicom+json";
    public const string Json = "application/json";

    /// <summary>The media type to answer with, or null when nothing acceptable is accepted (406).</summary>
    public static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || accept.All(string.IsNullOrWhiteSpace))
        {
            return DicomJson;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return null;
        }

        var acceptable = ranges.Where(r => r.Quality is null or > 0).ToList();
        if (acceptable.Any(r => Is(r, "*/*") || Is(r, "application/*") || Is(r, DicomJson)))
        {
            return DicomJson;
        }

        return acceptable.Any(r => Is(r, Json)) ? Json : null;
    }

    private static bool Is(MediaTypeHeaderValue range, string type) =>
        range.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase);
}
