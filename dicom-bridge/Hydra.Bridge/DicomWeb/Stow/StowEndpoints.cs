using Hydra.Bridge.Readers;
using Microsoft.AspNetCore.Http.Features;

namespace Hydra.Bridge.DicomWeb.Stow;

/// <summary>
/// STOW-RS (PS3.18 10.5, Store Transaction) under <c>/dicom-web</c>: <c>POST /studies</c> and
/// <c>POST /studies/{study}</c>. Only a caller named in <c>Bridge:DicomWeb:Senders</c> may store; its instances are
/// ingested as that entry's source, exactly as C-STORE ingests a sending AE title's. See FORMAT.md.
/// </summary>
internal static class StowEndpoints
{
    public static RouteGroupBuilder MapStowRs(this RouteGroupBuilder group)
    {
        group.MapPost("/studies", (HttpContext context, StowService stow, CancellationToken cancellationToken) =>
            stow.StoreAsync(context, null, cancellationToken));
        group.MapPost("/studies/{study}", (HttpContext context, string study, StowService stow, CancellationToken cancellationToken) =>
            stow.StoreAsync(context, study, cancellationToken));
        return group;
    }
}

/// <summary>One Store Instances request: who may store, what the request may be, then the transaction and its answer.</summary>
internal sealed class StowService
{
    private readonly ReaderAuthentication _readers;
    private readonly StowSenders _senders;
    private readonly StowTransaction _transaction;
    private readonly ILogger _logger;

    public StowService(ReaderAuthentication readers, StowSenders senders, StowTransaction transaction, ILogger<StowService> logger)
    {
        _readers = readers;
        _senders = senders;
        _transaction = transaction;
        _logger = logger;
    }

    public async Task<IResult> StoreAsync(HttpContext context, string? study, CancellationToken cancellationToken)
    {
        var check = await _readers.AuthenticateAsync(context, cancellationToken);
        if (!check.Passed)
        {
            return check.Refusal;
        }

        var caller = check.Reader.Identity.SubjectText;
        var source = _senders.SourceOf(check.Reader.Identity);
        if (source is null)
        {
            return Refuse(caller, StatusCodes.Status403Forbidden, $"{caller} may not store: STOW-RS senders are named in Bridge:DicomWeb:Senders.");
        }

        // The path's UID may be an original (identifying) one: checked, never echoed.
        if (DicomWebPath.BadUid(("study", study)) is { } badUid)
        {
            return Refuse(caller, StatusCodes.Status400BadRequest, badUid);
        }

        if (DicomWebMedia.Negotiate(context.Request, DicomWebMedia.JsonModel) is not { } negotiated)
        {
            StowLog.Refused(_logger, caller, StatusCodes.Status406NotAcceptable, "the Accept header allows no DICOM JSON answer");
            return DicomWebMedia.NotAcceptable(DicomWebMedia.JsonModel);
        }

        var body = StowMedia.ReadBody(context.Request.ContentType);
        if (body.Boundary is null)
        {
            return Refuse(caller, body.Status, body.Error!);
        }

        // Each part is capped on its own (Bridge:DicomWeb:MaxInstanceBytes) and so is their number; Kestrel's
        // whole-body default (30 MB) would refuse an ordinary study.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var outcome = await _transaction.RunAsync(context.Request.Body, body.Boundary, source, study, caller, cancellationToken);
        if (outcome.AbortStatus != 0)
        {
            var before = outcome.Instances.Count(i => i.IsStored);
            return Refuse(caller, outcome.AbortStatus, $"{outcome.AbortError} Of the parts before, {before} were stored.");
        }

        if (outcome.Instances.Count == 0)
        {
            return Refuse(caller, StatusCodes.Status400BadRequest, "The multipart body holds no part: nothing to store.");
        }

        var instances = outcome.Instances;
        var (stored, warned, status) = (instances.Count(i => i.IsStored), instances.Count(i => i.Warning is not null), StowResponse.Status(instances));
        StowLog.Stored(_logger, caller, source, stored, warned, instances.Count - stored, status);
        return StowResponse.Answer(instances, DicomWebPath.ServiceUrl(context.Request), negotiated.Offer.MediaType);
    }

    private IResult Refuse(string caller, int status, string message)
    {
        StowLog.Refused(_logger, caller, status, message);
        return ReaderEndpoints.Problem(status, message);
    }
}
