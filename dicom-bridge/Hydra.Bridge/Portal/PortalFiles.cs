using Hydra.Bridge.DicomWeb;
using Hydra.Bridge.DicomWeb.Rendering;
using Hydra.Dicom;
using Hydra.Dicom.Imaging;
using Microsoft.Net.Http.Headers;

namespace Hydra.Bridge.Portal;

/// <summary>The portal's non-HTML answers: a rendered image (PNG) and a study's zip, each only the viewer's (<see cref="PortalViewer"/>).</summary>
internal static class PortalFiles
{
    /// <summary>Largest side of a rendered image: big enough for a phone's screen, small enough to send quickly.</summary>
    public const int MaxSide = 512;

    public static async Task<IResult> RenderedAsync(HttpContext context, string sopUid, ILogger<PortalSessions> logger, CancellationToken cancellationToken)
    {
        if (PortalViewer.Of(context) is not { } viewer)
        {
            return PortalEndpoints.NotFound(context);
        }

        var bytes = await viewer.OpenImageAsync(sopUid, cancellationToken);
        if (bytes is null)
        {
            return PortalEndpoints.NotFound(context);
        }

        try
        {
            // Rendered like WADO-RS rendered: the first frame through the dataset's window, fitted, as PNG.
            var file = DicomFile.Read(bytes);
            var frame = FrameRenderer.Render(PixelFrames.Of(file), 1, FrameRenderer.DatasetWindow(file.Dataset));
            frame = FrameScaler.Fit(frame, MaxSide, MaxSide, enlarge: false);
            return Results.Bytes(ImageEncoder.Encode(frame, DicomWebMedia.Png, ImageEncoder.DefaultQuality), DicomWebMedia.Png);
        }
        catch (DicomImagingException ex)
        {
            PortalLog.NotRenderable(logger, sopUid, ex.Message);
            return PortalEndpoints.NotFound(context);
        }
    }

    public static async Task<IResult> ZipAsync(HttpContext context, string studyUid, CancellationToken cancellationToken)
    {
        if (PortalViewer.Of(context) is not { } viewer)
        {
            return PortalEndpoints.NotFound(context);
        }

        var response = context.Response;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"study-{studyUid}.zip" }.ToString();

        // Streamed as it is written; nothing is written when the study is not the viewer's, so the 404 can replace it.
        if (await viewer.WriteStudyZipAsync(studyUid, response.Body, cancellationToken))
        {
            return Results.Empty;
        }

        response.Headers.Remove(HeaderNames.ContentDisposition);
        return PortalEndpoints.NotFound(context);
    }
}
