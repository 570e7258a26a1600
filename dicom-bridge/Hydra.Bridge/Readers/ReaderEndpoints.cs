using Hydra.Access;
using Hydra.Bridge.Contract;
using Hydra.Bridge.DicomWeb;
using Hydra.Bridge.DicomWeb.Qido;
using Hydra.Bridge.DicomWeb.Stow;
using Hydra.Bridge.DicomWeb.Wado;
using Hydra.Bridge.Review;
using Hydra.Bridge.Storage;

namespace Hydra.Bridge.Readers;

/// <summary>
/// The grid clients' endpoint (HTTP/2 over grid TLS, so proxies work): list the images the caller may read, download
/// their ciphertext or, decrypted, their DICOM file, and, for curators, revoke a principal's access to a study. Every
/// request authenticates its bearer token or the connection's credential; ciphertext alone is useless, and a key comes
/// from the cluster only under the caller's ACL.
/// </summary>
internal static class ReaderEndpoints
{
    public static void MapReaderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/images", ListImagesAsync);
        app.MapGet("/v1/images/{sopInstanceUid}/object", GetObjectAsync);
        app.MapGet("/v1/images/{sopInstanceUid}/dicom", DicomEndpoint.GetAsync);
        app.MapPost("/v1/studies/{studyInstanceUid}/revoke", RevokeAsync);
        app.MapOfficerEndpoints();
        var dicomWeb = app.MapDicomWeb();
        dicomWeb.MapWadoRs();
        dicomWeb.MapQidoRs();
        dicomWeb.MapStowRs();
    }

    private static async Task<IResult> ListImagesAsync(
        HttpContext context, string? study, IBridgeStore store, CatalogAccess catalog, ReaderAuthentication readers, CancellationToken cancellationToken)
    {
        var check = await readers.AuthenticateAsync(context, cancellationToken);
        if (!check.Passed)
        {
            return check.Refusal;
        }

        var entries = study is null ? await store.CatalogEntriesAsync(cancellationToken) : await store.StudyEntriesAsync(study, cancellationToken);
        var visible = entries.Where(e => catalog.MayRead(e, check.Reader.Identity)).Select(Summarise).ToList();
        return Results.Json(visible, BridgeJsonContext.Default.ListImageSummary);
    }

    private static async Task<IResult> GetObjectAsync(
        HttpContext context, string sopInstanceUid, DecryptedImages images, IObjectStore objects, ReaderAuthentication readers,
        CancellationToken cancellationToken)
    {
        var check = await readers.AuthenticateAsync(context, cancellationToken);
        if (!check.Passed)
        {
            return check.Refusal;
        }

        var entry = await images.FindReadableAsync(sopInstanceUid, check.Reader.Identity, cancellationToken);
        if (entry is null)
        {
            return NotReadable(sopInstanceUid);
        }

        Stream ciphertext;
        try
        {
            ciphertext = await objects.OpenReadAsync(entry.ObjectPath, cancellationToken);
        }
        catch (ObjectStoreException ex)
        {
            return ObjectStoreUnavailable(context, ex);
        }

        readers.Served(check.Reader.Identity, entry);
        return Results.Stream(ciphertext, "application/vnd.hydra.container", enableRangeProcessing: false);
    }

    private static async Task<IResult> RevokeAsync(
        HttpContext context, string studyInstanceUid, RevokeRequest? request, StudyRevoker revoker, ReaderAuthentication readers,
        CancellationToken cancellationToken)
    {
        var check = await readers.AuthenticateAsync(context, cancellationToken);
        if (!check.Passed)
        {
            return check.Refusal;
        }

        var curator = check.Reader.Identity;
        if (!readers.IsCurator(curator))
        {
            return Problem(StatusCodes.Status403Forbidden, $"{curator.SubjectText} is not a curator of this bridge (Bridge:Curators).");
        }

        if (request is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "The revocation needs a JSON body naming the principal: {\"principal\": \"dn:/...\"}.");
        }

        if (!Principal.TryParse(request.Principal, out _, out var error))
        {
            return Problem(StatusCodes.Status400BadRequest, $"The principal to revoke is not valid: {error}");
        }

        var result = await revoker.RevokeAsync(studyInstanceUid, request.Principal, cancellationToken);
        if (result.Keys == 0)
        {
            return Problem(StatusCodes.Status404NotFound, $"No study '{studyInstanceUid}' in the catalog.");
        }

        readers.Revoked(curator, result);
        return Results.Json(result, BridgeJsonContext.Default.RevokeResult);
    }

    /// <summary>The same answer whether the image is missing or forbidden: existence is not revealed to strangers.</summary>
    public static IResult NotReadable(string sopInstanceUid) =>
        Problem(StatusCodes.Status404NotFound, $"No image '{sopInstanceUid}' that you may read.");

    /// <summary>503 with the store's reason (which names no image), logged once here.</summary>
    public static IResult ObjectStoreUnavailable(HttpContext context, ObjectStoreException ex)
    {
        ObjectStoreLog.ObjectStoreFailed(context.RequestServices.GetRequiredService<ILogger<ObjectStoreException>>(), "read", ex.Message);
        return Problem(StatusCodes.Status503ServiceUnavailable, ex.Message);
    }

    public static IResult Problem(int status, string error) =>
        Results.Json(new ProblemMessage(error), BridgeJsonContext.Default.ProblemMessage, statusCode: status);

    private static ImageSummary Summarise(CatalogEntry e) => new(
        e.SopInstanceUid, e.StudyInstanceUid, e.SeriesInstanceUid, e.SopClassUid, e.PatientPseudonym, e.Modality, e.BodyPart,
        e.StudyDate, e.SeriesNumber, e.InstanceNumber, e.KeyId, e.Size);
}
