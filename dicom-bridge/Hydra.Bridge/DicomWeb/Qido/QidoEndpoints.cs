using Hydra.Bridge.Readers;

namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// QIDO-RS (PS3.18 10.6) under <c>/dicom-web</c>: search for studies, series and instances, with the reader
/// endpoint's authentication, over only what the caller may read. See FORMAT.md for the wire details.
/// </summary>
internal static class QidoEndpoints
{
    internal static RouteGroupBuilder MapQidoRs(this RouteGroupBuilder group)
    {
        group.MapGet("/studies", (HttpContext c, QidoSearch s, ReaderAuthentication r, ILogger<QidoSearch> l, CancellationToken t) =>
            SearchAsync(c, new QidoScope(QidoLevel.Study), s, r, l, t));
        group.MapGet("/series", (HttpContext c, QidoSearch s, ReaderAuthentication r, ILogger<QidoSearch> l, CancellationToken t) =>
            SearchAsync(c, new QidoScope(QidoLevel.Series), s, r, l, t));
        group.MapGet("/instances", (HttpContext c, QidoSearch s, ReaderAuthentication r, ILogger<QidoSearch> l, CancellationToken t) =>
            SearchAsync(c, new QidoScope(QidoLevel.Instance), s, r, l, t));
        group.MapGet("/studies/{study}/series", (HttpContext c, string study, QidoSearch s, ReaderAuthentication r, ILogger<QidoSearch> l, CancellationToken t) =>
            SearchAsync(c, new QidoScope(QidoLevel.Series, study), s, r, l, t));
        group.MapGet("/studies/{study}/instances", (HttpContext c, string study, QidoSearch s, ReaderAuthentication r, ILogger<QidoSearch> l, CancellationToken t) =>
            SearchAsync(c, new QidoScope(QidoLevel.Instance, study), s, r, l, t));
        group.MapGet("/studies/{study}/series/{series}/instances",
            (HttpContext c, string study, string series, QidoSearch s, ReaderAuthentication r, ILogger<QidoSearch> l, CancellationToken t) =>
                SearchAsync(c, new QidoScope(QidoLevel.Instance, study, series), s, r, l, t));
        return group;
    }

    private static async Task<IResult> SearchAsync(
        HttpContext context, QidoScope scope, QidoSearch search, ReaderAuthentication readers, ILogger logger, CancellationToken cancellationToken)
    {
        var check = await readers.AuthenticateAsync(context, cancellationToken);
        if (!check.Passed)
        {
            return check.Refusal;
        }

        var subject = check.Reader.Identity.SubjectText;
        var resource = scope.Describe();
        IResult Refuse(int status, string reason)
        {
            QidoLog.Refused(logger, resource, subject, status);
            return ReaderEndpoints.Problem(status, reason);
        }

        // The path first: a bad UID never reaches the catalog (PS3.5 9.1).
        if (DicomWebPath.BadUid(("study", scope.StudyInstanceUid), ("series", scope.SeriesInstanceUid)) is { } badUid)
        {
            return Refuse(StatusCodes.Status400BadRequest, badUid);
        }

        var raw = context.Request.QueryString.Value ?? string.Empty;
        if (DicomWebMedia.Negotiate(context.Request, DicomWebMedia.JsonModel) is not { } negotiated)
        {
            QidoLog.Refused(logger, resource, subject, StatusCodes.Status406NotAcceptable);
            return DicomWebMedia.NotAcceptable(DicomWebMedia.JsonModel);
        }

        var query = QidoQueryParser.Parse(raw, scope, out var error);
        if (query is null)
        {
            return Refuse(StatusCodes.Status400BadRequest, error!);
        }

        var service = DicomWebPath.ServiceUrl(context.Request);
        var answer = await search.SearchAsync(scope, query, check.Reader.Identity, service, cancellationToken);
        QidoLog.Searched(logger, resource, subject, answer.Results.Count, answer.Truncated);
        var warnings = query.Warnings.Concat(answer.Truncated ? [QidoWarnings.TooManyResults] : [])
            .Select(w => QidoWarnings.Header(context.Request.Host.Value ?? "bridge", w))
            .ToList();
        return new QidoResult(answer.Results, negotiated.Offer.MediaType, warnings);
    }
}
