using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Hydra.Bridge.DicomWeb.Stow;

/// <summary>
/// The request media type of a Store Instances transaction (PS3.18 10.5.1.1): <c>multipart/related;
/// type="application/dicom"</c> with a boundary, and each part's own type. Parsed with ASP.NET's
/// <see cref="MediaTypeHeaderValue"/>; the answer's type is negotiated by <see cref="DicomWebMedia"/> like every other.
/// </summary>
internal static class StowMedia
{
    /// <summary>
    /// RFC 2046 5.1.1 allows 70 characters, but real senders exceed it (Orthanc's DICOMweb plugin 1.7 sends 73: two UUIDs
    /// joined by '-'); 200 still keeps the boundary search bounded.
    /// </summary>
    private const int MaxBoundaryLength = 200;

    /// <summary>The boundary of <paramref name="contentType"/>, or the refusal (400 or 415) with why.</summary>
    public static StowBody ReadBody(string? contentType)
    {
        const string Expected = "Content-Type: multipart/related; type=\"application/dicom\"; boundary=...";
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return StowBody.Refused(StatusCodes.Status415UnsupportedMediaType, $"STOW-RS takes {Expected} (PS3.18 10.5.1.1).");
        }

        if (!media.MediaType.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
        {
            return StowBody.Refused(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type {Printable(media.MediaType)} is not supported: STOW-RS takes {Expected} (PS3.18 10.5.1.1).");
        }

        var type = Parameter(media, "type");
        if (type.Length > 0 && !type.Equals(DicomWebMedia.Dicom, StringComparison.OrdinalIgnoreCase))
        {
            return StowBody.Refused(StatusCodes.Status415UnsupportedMediaType, type.StartsWith("application/dicom+", StringComparison.OrdinalIgnoreCase)
                ? $"The metadata and bulk data form (type=\"{Printable(type)}\") is not supported; send each instance as an application/dicom part."
                : $"Parts of type \"{Printable(type)}\" are not supported; STOW-RS takes type=\"application/dicom\".");
        }

        var boundary = Parameter(media, "boundary");
        if (boundary.Length == 0)
        {
            return StowBody.Refused(StatusCodes.Status400BadRequest, $"The multipart Content-Type has no boundary parameter; expected {Expected}.");
        }

        if (boundary.Length > MaxBoundaryLength)
        {
            return StowBody.Refused(StatusCodes.Status400BadRequest, $"The multipart boundary is longer than {MaxBoundaryLength} characters (RFC 2046 5.1.1 allows 70).");
        }

        return new StowBody(boundary, 0, null);
    }

    /// <summary>Whether a part's own Content-Type (none: the root type) is application/dicom, parameters aside.</summary>
    public static bool IsDicomPart(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals(DicomWebMedia.Dicom, StringComparison.OrdinalIgnoreCase));

    private static string Parameter(MediaTypeHeaderValue media, string name) =>
        HeaderUtilities.RemoveQuotes(media.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value ?? default)
            .ToString().Trim();

    // A client's header, echoed in a message: printable and short.
    private static string Printable(StringSegment text) =>
        Hydra.Access.Principal.Printable(text.Length > 100 ? text.Substring(0, 100) + "..." : text.ToString());
}

/// <summary>The boundary of a STOW-RS body, or the status and message it was refused with.</summary>
internal sealed record StowBody(string? Boundary, int Status, string? Error)
{
    public static StowBody Refused(int status, string error) => new(null, status, error);
}
