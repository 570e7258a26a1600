using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hydra.Grid.Tls;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Stow;

/// <summary>An HTTP/2 client of the bridge's <c>/dicom-web</c> over grid TLS with a certificate, and STOW-RS bodies built by hand.</summary>
public sealed class StowHttp : IDisposable
{
    public const string Boundary = "hydra-stow-boundary-7d1f";

    private readonly HttpClient _http;
    private readonly string? _bearer;

    /// <param name="credential">The TLS client credential (the caller, unless <paramref name="bearer"/> is given).</param>
    /// <param name="bearer">A bearer token to call with instead.</param>
    public StowHttp(TestBridge bridge, string trustDirectory, TlsCredential? credential, string? bearer = null)
    {
        _bearer = bearer;
        _http = DicomWebHttp.Create(bridge, trustDirectory, credential, root: "/");
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>The Content-Type of a STOW-RS body with <see cref="Boundary"/>.</summary>
    public static string MultipartType(string boundary = Boundary) => $"multipart/related; type=\"application/dicom\"; boundary={boundary}";

    /// <summary>A multipart/related body: each part <c>Content-Type: application/dicom</c>, then the closing delimiter.</summary>
    public static byte[] Body(IEnumerable<byte[]> parts, bool close = true)
    {
        using var body = new MemoryStream();
        foreach (var part in parts)
        {
            body.Write(Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: application/dicom\r\n\r\n"));
            body.Write(part);
            body.Write("\r\n"u8);
        }

        if (close)
        {
            body.Write(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        }

        return body.ToArray();
    }

    public static byte[] Body(IEnumerable<string> files) => Body(files.Select(File.ReadAllBytes));

    public Task<StowAnswer> PostAsync(byte[] body, string? contentType = null, string path = "dicom-web/studies", string? accept = null) =>
        PostAsync(new ByteArrayContent(body), contentType ?? MultipartType(), path, accept);

    public async Task<StowAnswer> PostAsync(HttpContent content, string? contentType, string path = "dicom-web/studies", string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (_bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _bearer);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _http.SendAsync(request).DefaultTimeout();
        var bytes = await response.Content.ReadAsByteArrayAsync().DefaultTimeout();
        return new StowAnswer(response.StatusCode, response.Content.Headers.ContentType, bytes, response.Headers.RetryAfter?.Delta);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A STOW-RS answer: status, media type, body and any Retry-After, with the DICOM JSON sequences read out.</summary>
public sealed record StowAnswer(HttpStatusCode Status, MediaTypeHeaderValue? ContentType, byte[] Body, TimeSpan? RetryAfter = null)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The items of Referenced SOP Sequence (0008,1199).</summary>
    public IReadOnlyList<JsonElement> Referenced => Items("00081199");

    /// <summary>The items of Failed SOP Sequence (0008,1198).</summary>
    public IReadOnlyList<JsonElement> Failed => Items("00081198");

    /// <summary>The error of a problem answer.</summary>
    public string Error => DicomWebHttp.ProblemText(Body);

    private IReadOnlyList<JsonElement> Items(string tag) =>
        JsonDocument.Parse(Body).RootElement.TryGetProperty(tag, out var sequence) ? [.. sequence.GetProperty("Value").EnumerateArray()] : [];

    /// <summary>The first value of <paramref name="tag"/> in <paramref name="item"/>, or null when it has none.</summary>
    public static string? Value(JsonElement item, string tag) =>
        item.TryGetProperty(tag, out var attribute) && attribute.TryGetProperty("Value", out var values) ? values[0].ToString() : null;
}
