using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Hydra.Testing.Viewer;

/// <summary>One request the viewer host forwarded to the DICOMweb origin.</summary>
/// <param name="Target">The path and query as the browser sent them.</param>
/// <param name="HadAuthorization">Whether the browser sent an <c>Authorization</c> header (its value is never kept).</param>
public sealed record ForwardedRequest(string Method, string Target, int Status, string? ContentType, bool HadAuthorization);

/// <summary>
/// A plain forwarder: method, raw path and query, body, <c>Accept</c>, <c>Content-Type</c> and the browser's
/// <c>Authorization</c> go to the origin unchanged; the status, body and the headers DICOMweb clients read come back.
/// </summary>
internal sealed class DicomWebForwarder : IDisposable
{
    private static readonly string[] RequestHeaders = ["Accept", "Authorization"];
    private static readonly string[] ResponseHeaders = ["Retry-After", "Warning", "WWW-Authenticate", "Location"];

    private readonly HttpClient _client;
    private readonly Uri _origin;
    private readonly Version? _version;
    private readonly List<ForwardedRequest> _forwarded = [];

    public DicomWebForwarder(HttpClient client, Uri origin, Version? version)
    {
        _client = client;
        _origin = origin;
        _version = version;
    }

    public IReadOnlyList<ForwardedRequest> Forwarded
    {
        get
        {
            lock (_forwarded)
            {
                return [.. _forwarded];
            }
        }
    }

    public async Task ForwardAsync(HttpContext context)
    {
        // The raw target, not the decoded path: what the browser asked for reaches the origin byte for byte.
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_origin, target))
        {
            Version = _version ?? HttpVersion.Version11,
            VersionPolicy = _version is null ? HttpVersionPolicy.RequestVersionOrLower : HttpVersionPolicy.RequestVersionExact,
        };
        foreach (var name in RequestHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var values))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values!);
            }
        }

        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } contentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var name in ResponseHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        var mediaType = response.Content.Headers.ContentType;
        if (mediaType is not null)
        {
            // Verbatim, parameters and quoting as the origin wrote them (multipart boundaries, type=...).
            context.Response.Headers.ContentType = response.Content.Headers.GetValues("Content-Type").First();
        }

        lock (_forwarded)
        {
            _forwarded.Add(new ForwardedRequest(context.Request.Method, target, (int)response.StatusCode, mediaType?.MediaType, request.Headers.Authorization is not null));
        }

        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public void Dispose() => _client.Dispose();
}
