using Hydra.Bridge.Readers;

namespace Hydra.Bridge.DicomWeb;

/// <summary>A representation a DICOMweb resource can send: a media type and, for multipart, the type of its parts.</summary>
internal sealed record MediaOffer(string MediaType, string? PartType = null)
{
    public override string ToString() => PartType is null ? MediaType : $"{MediaType}; type=\"{PartType}\"";
}

/// <summary>What <see cref="DicomWebMedia.Negotiate"/> chose: the offer, and the transfer syntax asked for (null: any, as stored).</summary>
internal sealed record Negotiated(MediaOffer Offer, string? TransferSyntax);

/// <summary>
/// The media types of DICOMweb (PS3.18 8.7) and the one place that says what each resource offers; <c>Accept</c>
/// negotiation (RFC 9110 12.5.1, with PS3.18 8.7.3's <c>type</c> and <c>transfer-syntax</c> parameters of
/// <c>multipart/related</c>) and the 406 that lists what is offered.
/// </summary>
internal static class DicomWebMedia
{
    public const string Dicom = "application/dicom";
    public const string DicomJson = "application/dicom+json";
    public const string Json = "application/json";
    public const string OctetStream = "application/octet-stream";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string MultipartRelated = "multipart/related";

    /// <summary>Any transfer syntax the server picks (PS3.18 8.7.3.5.2): as stored, here.</summary>
    public const string AnySyntax = "*";

    /// <summary>Studies, series and instances (PS3.18 10.4.1.1.1): DICOM files in <c>multipart/related</c>.</summary>
    public static IReadOnlyList<MediaOffer> Instances { get; } = [new(MultipartRelated, Dicom)];

    /// <summary>
    /// Answers in the DICOM JSON model: metadata (10.4.1.1.2), search results (10.6.3.3.1) and the store response
    /// (10.5.3.2); <c>application/json</c> is taken as asking for it. XML is not offered.
    /// </summary>
    public static IReadOnlyList<MediaOffer> JsonModel { get; } = [new(DicomJson), new(Json)];

    /// <summary>Frames and bulk data (10.4.1.1.3, 10.4.1.1.5): native bytes in <c>multipart/related</c>.</summary>
    public static IReadOnlyList<MediaOffer> BulkData { get; } = [new(MultipartRelated, OctetStream)];

    /// <summary>Rendered images and thumbnails (10.4.1.1.4): PNG (the default) or JPEG.</summary>
    public static IReadOnlyList<MediaOffer> Rendered { get; } = [new(Png), new(Jpeg)];

    /// <summary>
    /// The offer the request's <c>Accept</c> prefers (highest q, then the most specific range, then the order of
    /// <paramref name="offers"/>); no header or an empty one takes the first offer. A <c>transfer-syntax</c> parameter
    /// must satisfy <paramref name="acceptsSyntax"/> (resources without one ignore it). Null: nothing acceptable.
    /// </summary>
    public static Negotiated? Negotiate(HttpRequest request, IReadOnlyList<MediaOffer> offers, Func<string, bool>? acceptsSyntax = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ranges = MediaRange.ParseAll(request.Headers.Accept);
        if (ranges.Count == 0)
        {
            return request.Headers.Accept.Any(v => !string.IsNullOrWhiteSpace(v)) ? null : new Negotiated(offers[0], null);
        }

        var best = default((Negotiated Choice, double Quality, int Specificity, int Order)?);
        foreach (var range in ranges.Where(r => r.Quality > 0))
        {
            for (var order = 0; order < offers.Count; order++)
            {
                if (Match(range, offers[order], acceptsSyntax) is { } choice &&
                    (best is null || (range.Quality, range.Specificity, -order).CompareTo((best.Value.Quality, best.Value.Specificity, -best.Value.Order)) > 0))
                {
                    best = (choice, range.Quality, range.Specificity, order);
                }
            }
        }

        return best?.Choice;
    }

    /// <summary>406 (PS3.18 8.7.5): what the resource offers, and <paramref name="detail"/> (e.g. the stored transfer syntax).</summary>
    public static IResult NotAcceptable(IReadOnlyList<MediaOffer> offers, string? detail = null) =>
        ReaderEndpoints.Problem(StatusCodes.Status406NotAcceptable,
            $"Accept names nothing this resource can send; it offers {string.Join(", ", offers)}.{(detail is null ? "" : " " + detail)}");

    /// <summary>The <c>Content-Type</c> of a multipart answer whose parts are <paramref name="partType"/>.</summary>
    public static string MultipartContentType(string partType, string boundary) => $"{MultipartRelated}; type=\"{partType}\"; boundary={boundary}";

    private static Negotiated? Match(MediaRange range, MediaOffer offer, Func<string, bool>? acceptsSyntax)
    {
        var slash = offer.MediaType.IndexOf('/', StringComparison.Ordinal);
        if (!range.Covers(offer.MediaType[..slash], offer.MediaType[(slash + 1)..]))
        {
            return null;
        }

        if (offer.PartType is not null && range.Parameter("type") is { } partType && !string.Equals(partType.Trim(), offer.PartType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var syntax = range.Parameter("transfer-syntax")?.Trim();
        if (syntax is null || acceptsSyntax is null)
        {
            return new Negotiated(offer, null);
        }

        return acceptsSyntax(syntax) ? new Negotiated(offer, syntax == AnySyntax ? null : syntax) : null;
    }
}
