using Hydra.Bridge.Options;
using Hydra.Bridge.Patients;
using Microsoft.AspNetCore.Antiforgery;

namespace Hydra.Bridge.Portal;

/// <summary>
/// The portal's pages, on the portal listener only (<see cref="PortalListenerPolicy"/>). URLs carry de-identified UIDs
/// only. A study or image that is not the viewer's (<see cref="PortalViewer"/>: the patient's own, or one a reader may
/// read) gets the same 404 page as one that does not exist; so do the patient-only pages for a reader.
/// </summary>
internal static class PortalEndpoints
{
    public const string SignInPolicy = "portal-sign-in";

    public static void MapPortal(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup(string.Empty).WithMetadata(PortalEndpointMetadata.Instance);
        portal.MapGet("/", HomeAsync);
        portal.MapGet("/portal.css", PortalStyle.Serve);
        portal.MapGet("/signin", PortalSignIn.Challenge).RequireRateLimiting(SignInPolicy);

        // Never reached by a good callback (the OpenID handler answers it in the authentication middleware): mapped so
        // the sign-in rate limit, which runs between routing and authentication, applies to callbacks too.
        portal.MapMethods(PortalSignIn.CallbackPath, ["GET", "POST"], NotFound).RequireRateLimiting(SignInPolicy);
        portal.MapPost("/logout", PortalSignIn.LogoutAsync);
        portal.MapGet("/studies/{studyUid}", StudyAsync);
        portal.MapGet("/studies/{studyUid}/zip", PortalFiles.ZipAsync);
        portal.MapPost("/studies/{studyUid}/withdraw", WithdrawAsync);
        portal.MapGet("/images/{sopUid}/rendered", PortalFiles.RenderedAsync);
        portal.MapGet("/access", AccessAsync);
        portal.MapFallback("{*path}", NotFound);
    }

    private static async Task<IResult> HomeAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (PortalViewer.Of(context) is not { } viewer)
        {
            var readers = context.RequestServices.GetRequiredService<BridgeOptions>().Portal.ReadersSignIn;
            return Page(context, "Your images", PortalPages.SignIn(readers), token: null);
        }

        var title = viewer.IsReader ? "Studies you may read" : "Your imaging studies";
        return Page(context, title, PortalPages.Studies(await viewer.StudiesAsync(cancellationToken), viewer.IsReader), Token(context), reader: viewer.IsReader);
    }

    private static async Task<IResult> StudyAsync(HttpContext context, string studyUid, CancellationToken cancellationToken)
    {
        if (PortalViewer.Of(context) is not { } viewer)
        {
            return Results.Redirect("/");
        }

        var series = await viewer.SeriesAsync(studyUid, cancellationToken);
        if (series is null)
        {
            return NotFound(context);
        }

        var token = Token(context);
        var mayWithdraw = !viewer.IsReader && Records(context).MayWithdraw;
        return Page(context, viewer.IsReader ? "Study" : "Your study", PortalPages.Study(studyUid, series, mayWithdraw, token), token, reader: viewer.IsReader);
    }

    /// <summary>Where a request for a patient-only page goes without a patient: a reader gets the 404 page, anyone else the start.</summary>
    private static IResult NotPatient(HttpContext context) => PortalViewer.Of(context) is null ? Results.Redirect("/") : NotFound(context);

    private static async Task<IResult> AccessAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (PortalClaims.Session(context.User) is not { } session)
        {
            return NotPatient(context);
        }

        var log = await Records(context).AccessLogAsync(session, cancellationToken);
        return Page(context, "Who opened my images", PortalPages.Access(log), Token(context));
    }

    private static async Task<IResult> WithdrawAsync(HttpContext context, string studyUid, ILogger<PortalSessions> logger, CancellationToken cancellationToken)
    {
        if (PortalClaims.Session(context.User) is not { } session)
        {
            return NotPatient(context);
        }

        if (!await FormIsGenuineAsync(context, logger))
        {
            return Refused(context);
        }

        var records = Records(context);
        if (!records.MayWithdraw)
        {
            return NotFound(context);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (form["confirm"] != "yes")
        {
            return Page(context, "Please confirm", PortalPages.Message("Tick the confirmation box to withdraw research access."), Token(context), StatusCodes.Status400BadRequest);
        }

        var result = await records.WithdrawResearchAsync(session, studyUid, cancellationToken);
        if (result is null)
        {
            return NotFound(context);
        }

        var principals = string.Join(", ", result.Principals);
        PortalLog.Withdrawn(logger, session.Patient.Value, studyUid, principals, result.Keys, result.Complete);
        return Page(context, "Research access withdrawn", PortalPages.Withdrawn(result), Token(context));
    }

    /// <summary>Whether a POST carries a valid antiforgery token for this user; logs a refusal.</summary>
    public static async Task<bool> FormIsGenuineAsync(HttpContext context, ILogger logger)
    {
        var genuine = await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
        if (!genuine)
        {
            PortalLog.AntiforgeryRefused(logger, context.Request.Path);
        }

        return genuine;
    }

    public static IResult Refused(HttpContext context) => Page(
        context, "Request refused", PortalPages.Message("This form was not sent from your own portal page, so nothing was changed."), token: null, StatusCodes.Status400BadRequest);

    /// <summary>One page for "not yours" and "does not exist": the same bytes, so neither can be told apart.</summary>
    public static IResult NotFound(HttpContext context) => Page(
        context, "Not found", PortalPages.Message("There is nothing of yours at this address."), token: null, StatusCodes.Status404NotFound);

    public static IResult Page(HttpContext context, string title, Markup body, FormToken? token, int status = StatusCodes.Status200OK, bool reader = false) =>
        Results.Content(PortalPages.Layout(title, body, token, reader).Value, "text/html; charset=utf-8", null, status);

    public static IPatientRecords Records(HttpContext context) => context.RequestServices.GetRequiredService<IPatientRecords>();

    /// <summary>The antiforgery token for a signed-in viewer's forms (the cookie half is set with it).</summary>
    private static FormToken Token(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken!);
    }
}
