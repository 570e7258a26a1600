using Hydra.Bridge.Readers;
using Hydra.Dicom;

namespace Hydra.Bridge.DicomWeb;

/// <summary>
/// UIDs in DICOMweb paths are checked as DICOM UIDs (PS3.5 9.1: digits and dots, at most 64 characters) before any
/// lookup, so path tricks (<c>..</c>, encoded slashes, long or odd values) never reach the catalog or the object store.
/// QIDO-RS, WADO-RS and STOW-RS all check here, so the refusal reads the same everywhere.
/// </summary>
internal static class DicomWebPath
{
    /// <summary>Where every DICOMweb route lives on the reader endpoint.</summary>
    public const string Root = "/dicom-web";

    /// <summary>
    /// The absolute URL of the DICOMweb service as the caller reached it (retrieve URLs, bulk data URIs and search
    /// results start with it); always https: the reader endpoint serves nothing else.
    /// </summary>
    public static string ServiceUrl(HttpRequest request) => $"https://{request.Host}{request.PathBase}{Root}";

    /// <summary>400 naming the first segment that is not a UID, or null when all are; the value itself is not echoed.</summary>
    public static IResult? CheckUids(params ReadOnlySpan<(string Segment, string? Value)> segments) =>
        BadUid(segments) is { } message ? ReaderEndpoints.Problem(StatusCodes.Status400BadRequest, message) : null;

    /// <summary>The 400 message for the first segment that is not a UID (for callers that log it too), or null.</summary>
    public static string? BadUid(params ReadOnlySpan<(string Segment, string? Value)> segments)
    {
        foreach (var (segment, value) in segments)
        {
            if (value is not null && !DicomUid.IsValid(value))
            {
                return $"The {segment} UID in the path is not a DICOM UID: digits and single dots, at most {DicomUid.MaxLength} characters (PS3.5 9.1).";
            }
        }

        return null;
    }
}
