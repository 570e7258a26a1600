using Hydra.Bridge.Contract;
using Hydra.Bridge.Ingest;
using Hydra.Bridge.Readers;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Dicom;
using Hydra.Dicom.Imaging;

namespace Hydra.Bridge.Review;

/// <summary>
/// The officer's review on the reader endpoint: quarantined originals (list, a thumbnail of the original with the found
/// regions outlined, release, keep) and redacted images (list, the review thumbnail). Unknown ids are 404 for officers;
/// everyone else is 403 (<see cref="OfficerAccess"/>), as is an officer the nodes refuse the key.
/// </summary>
internal static class OfficerEndpoints
{
    public static void MapOfficerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/quarantine", ListQuarantineAsync);
        app.MapGet("/v1/quarantine/{id}/thumbnail", QuarantineThumbnailAsync);
        app.MapPost("/v1/quarantine/{id}/release", ReleaseAsync);
        app.MapPost("/v1/quarantine/{id}/keep", KeepAsync);
        app.MapGet("/v1/redactions", ListRedactionsAsync);
        app.MapGet("/v1/redactions/{sopInstanceUid}/thumbnail", RedactionThumbnailAsync);
    }

    private static async Task<IResult> ListQuarantineAsync(HttpContext context, OfficerAccess officers, OfficerReview review, CancellationToken cancellationToken)
    {
        var (officer, refusal) = await officers.AuthenticateAsync(context, cancellationToken);
        if (officer is null)
        {
            return refusal!;
        }

        var entries = await review.QuarantineAsync(cancellationToken);
        ReviewLog.QuarantineListed(officers.Logger, officer.Identity.SubjectText, entries.Count);
        return Results.Json(entries.ToList(), BridgeJsonContext.Default.ListQuarantineSummary);
    }

    private static async Task<IResult> QuarantineThumbnailAsync(
        HttpContext context, string id, OfficerAccess officers, OfficerReview review, CancellationToken cancellationToken)
    {
        var (officer, refusal) = await officers.AuthenticateAsync(context, cancellationToken);
        if (officer is null)
        {
            return refusal!;
        }

        if (await review.FindQuarantinedAsync(id, cancellationToken) is not { } entry)
        {
            return NotQuarantined(id);
        }

        return await ServeAsync(context, officers, officer, entry.KeyId, async () =>
        {
            var original = DicomFile.Read(await review.OpenAsync(entry.KeyId, entry.ObjectPath, officer.OnBehalfOf, cancellationToken));
            ReviewLog.QuarantineViewed(officers.Logger, officer.Identity.SubjectText, id);
            return ReviewThumbnail.Render(original, entry.Regions);
        });
    }

    private static async Task<IResult> ReleaseAsync(HttpContext context, string id, OfficerAccess officers, OfficerReview review, CancellationToken cancellationToken)
    {
        var (officer, refusal) = await officers.AuthenticateAsync(context, cancellationToken);
        if (officer is null)
        {
            return refusal!;
        }

        if (await review.FindQuarantinedAsync(id, cancellationToken) is not { } entry)
        {
            return NotQuarantined(id);
        }

        try
        {
            var (released, notStored) = await review.ReleaseAsync(entry, officer, cancellationToken);
            return released is not null ? Results.Json(released, BridgeJsonContext.Default.QuarantineDecisionResult)
                : notStored!.Outcome == IngestOutcome.Quarantined
                    ? ReaderEndpoints.Problem(StatusCodes.Status409Conflict,
                        $"Quarantined original '{id}' cannot be de-identified even with its pixels released: {notStored.Quarantine!.Code}: {notStored.Quarantine.Detail}")
                    : ReaderEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, $"Quarantined original '{id}' could not be stored now: {notStored.Reason}");
        }
        catch (ClusterException ex)
        {
            return officers.KeyRefused(officer, entry.KeyId, ex);
        }
    }

    private static async Task<IResult> KeepAsync(HttpContext context, string id, OfficerAccess officers, OfficerReview review, CancellationToken cancellationToken)
    {
        var (officer, refusal) = await officers.AuthenticateAsync(context, cancellationToken);
        if (officer is null)
        {
            return refusal!;
        }

        if (await review.FindQuarantinedAsync(id, cancellationToken) is not { } entry)
        {
            return NotQuarantined(id);
        }

        try
        {
            var kept = await review.KeepAsync(entry, officer, cancellationToken);
            return kept is not null ? Results.Json(kept, BridgeJsonContext.Default.QuarantineDecisionResult)
                : ReaderEndpoints.Problem(StatusCodes.Status409Conflict, $"Quarantined original '{id}' was already released; it cannot be kept now.");
        }
        catch (ClusterException ex)
        {
            return officers.KeyRefused(officer, entry.KeyId, ex);
        }
    }

    private static async Task<IResult> ListRedactionsAsync(HttpContext context, OfficerAccess officers, OfficerReview review, CancellationToken cancellationToken)
    {
        var (officer, refusal) = await officers.AuthenticateAsync(context, cancellationToken);
        return officer is null ? refusal! : Results.Json((await review.RedactionsAsync(cancellationToken)).ToList(), BridgeJsonContext.Default.ListRedactionSummary);
    }

    private static async Task<IResult> RedactionThumbnailAsync(
        HttpContext context, string sopInstanceUid, OfficerAccess officers, OfficerReview review, CancellationToken cancellationToken)
    {
        var (officer, refusal) = await officers.AuthenticateAsync(context, cancellationToken);
        if (officer is null)
        {
            return refusal!;
        }

        if (await review.FindReviewAsync(sopInstanceUid, cancellationToken) is not { KeyId: { } keyId, ObjectPath: { } path })
        {
            return ReaderEndpoints.Problem(StatusCodes.Status404NotFound, $"No review thumbnail of an image '{sopInstanceUid}'.");
        }

        return await ServeAsync(context, officers, officer, keyId, async () =>
        {
            var png = await review.OpenAsync(keyId, path, officer.OnBehalfOf, cancellationToken);
            ReviewLog.RedactionViewed(officers.Logger, officer.Identity.SubjectText, sopInstanceUid);
            return png.ToArray();
        });
    }

    private static async Task<IResult> ServeAsync(HttpContext context, OfficerAccess officers, ReaderCaller officer, string keyId, Func<Task<byte[]>> render)
    {
        try
        {
            var png = await render();
            context.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(png, "image/png");
        }
        catch (ClusterException ex)
        {
            return officers.KeyRefused(officer, keyId, ex);
        }
        catch (ContainerException ex)
        {
            return ReaderEndpoints.Problem(StatusCodes.Status500InternalServerError, $"The stored object under key {keyId} is damaged: {ex.Message}");
        }
        catch (DicomImagingException ex)
        {
            return ReaderEndpoints.Problem(StatusCodes.Status422UnprocessableEntity, $"The original cannot be rendered here: {ex.Message}");
        }
    }

    private static IResult NotQuarantined(string id) => ReaderEndpoints.Problem(StatusCodes.Status404NotFound, $"No quarantined original '{id}'.");
}
