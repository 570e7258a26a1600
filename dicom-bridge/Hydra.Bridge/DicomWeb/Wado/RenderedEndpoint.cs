using Hydra.Bridge.DicomWeb.Rendering;
using Hydra.Bridge.Readers;
using Hydra.Dicom.Imaging;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>
/// Rendered instances and frames (PS3.18 10.4.1.1.4) and thumbnails (10.4.1.1.5 of the 2024 edition: a representative
/// frame, small): one frame through the dataset's window (or the query's, or the frame's full range), scaled to the
/// viewport, as PNG or JPEG.
/// </summary>
internal static class RenderedEndpoint
{
    /// <summary>Largest side of a thumbnail when the query names no viewport.</summary>
    public const int ThumbnailSize = 128;

    public static async Task<IResult> GetAsync(
        HttpContext context, WadoTarget target, string? frameText, bool thumbnail, WadoInstances instances, CancellationToken cancellationToken)
    {
        var (parameters, badQuery) = RenderParameters.Parse(context.Request.Query);
        var negotiated = DicomWebMedia.Negotiate(context.Request, DicomWebMedia.Rendered);
        var frame = 1;
        var badFrame = frameText is null || FrameList.TryParseOne(frameText, out frame)
            ? null
            : ReaderEndpoints.Problem(StatusCodes.Status400BadRequest, "The frame number in the path must be one integer from 1 (a rendered frame is one frame).");
        var (_, entry, file, refusal) = await instances.ReadOneAsync(
            context, target, _ => badQuery ?? badFrame ?? (negotiated is null ? DicomWebMedia.NotAcceptable(DicomWebMedia.Rendered) : null), cancellationToken);
        if (file is null)
        {
            return refusal!;
        }

        RenderedFrame rendered;
        try
        {
            var frames = PixelFrames.Of(file);
            if (frame > frames.Count)
            {
                return ReaderEndpoints.Problem(StatusCodes.Status404NotFound, $"Frame {frame} is not in instance '{entry!.SopInstanceUid}', which has {frames.Count}.");
            }

            rendered = FrameRenderer.Render(frames, frame, parameters!.Window ?? FrameRenderer.DatasetWindow(file.Dataset));
        }
        catch (DicomImagingException ex)
        {
            DicomWebLog.NotServable(instances.Logger, entry!.SopInstanceUid, ex.Message);
            return ReaderEndpoints.Problem(StatusCodes.Status406NotAcceptable, $"Instance '{entry.SopInstanceUid}' cannot be rendered: {ex.Message}");
        }

        if (parameters.ViewportWidth is { } width && parameters.ViewportHeight is { } height)
        {
            rendered = FrameScaler.Fit(rendered, width, height, enlarge: !thumbnail);
        }
        else if (thumbnail)
        {
            rendered = FrameScaler.Fit(rendered, ThumbnailSize, ThumbnailSize, enlarge: false);
        }

        var mediaType = negotiated!.Offer.MediaType;
        context.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(ImageEncoder.Encode(rendered, mediaType, parameters.Quality ?? ImageEncoder.DefaultQuality), mediaType);
    }
}
