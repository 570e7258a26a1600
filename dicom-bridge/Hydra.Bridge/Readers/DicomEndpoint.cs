using Hydra.Cluster;
using Hydra.Cluster.Containers;

namespace Hydra.Bridge.Readers;

/// <summary>
/// <c>GET /v1/images/{sopInstanceUid}/dicom</c>: the de-identified DICOM file, decrypted by the bridge with a key it
/// rebuilt on the caller's behalf (its token forwarded, or its certificate chain as C-GET does). Streamed as it is
/// decrypted, never cached in clear.
/// </summary>
internal static class DicomEndpoint
{
    public const string MediaType = "application/dicom";

    public static async Task<IResult> GetAsync(
        HttpContext context, string sopInstanceUid, DecryptedImages images, ReaderAuthentication readers, ILogger<DecryptedImages> logger,
        CancellationToken cancellationToken)
    {
        var check = await readers.AuthenticateAsync(context, cancellationToken);
        if (!check.Passed)
        {
            return check.Refusal;
        }

        var reader = check.Reader.Identity.SubjectText;
        var entry = await images.FindReadableAsync(sopInstanceUid, check.Reader.Identity, cancellationToken);
        if (entry is null)
        {
            return ReaderEndpoints.NotReadable(sopInstanceUid);
        }

        DecryptedImage image;
        try
        {
            image = await images.OpenAsync(entry, check.Reader.OnBehalfOf, cancellationToken);
        }
        catch (ClusterException ex)
        {
            // The reader may list this image, so saying the nodes refused reveals nothing it does not know.
            BridgeLog.DelegatedKeyRefused(logger, reader, entry.SopInstanceUid, entry.KeyId, ex.Message);
            return ex.IsAccessDenied
                ? ReaderEndpoints.Problem(StatusCodes.Status403Forbidden, $"The keystore nodes refused you the key of '{entry.SopInstanceUid}': {ex.Message}")
                : ReaderEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, $"The key of '{entry.SopInstanceUid}' could not be rebuilt now: {ex.Message}");
        }

        using (image)
        {
            var response = context.Response;
            response.ContentType = MediaType;
            response.Headers.CacheControl = "no-store";
            response.Headers.ContentDisposition = $"attachment; filename=\"{entry.SopInstanceUid}.dcm\"";
            try
            {
                await image.CopyToAsync(response.Body, cancellationToken);
            }
            catch (ContainerException ex)
            {
                BridgeLog.StoredObjectDamaged(logger, entry.SopInstanceUid, ex.Message);
                if (!response.HasStarted)
                {
                    response.Headers.ContentDisposition = default;
                    return ReaderEndpoints.Problem(StatusCodes.Status500InternalServerError, $"The stored object of '{entry.SopInstanceUid}' is damaged.");
                }

                // Part of the file went out (each part verified): reset the stream so the client cannot take it for whole.
                context.Abort();
                return Results.Empty;
            }
        }

        BridgeLog.DicomServed(logger, reader, entry.SopInstanceUid);
        return Results.Empty;
    }
}
