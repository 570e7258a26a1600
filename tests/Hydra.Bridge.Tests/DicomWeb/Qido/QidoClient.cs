using System.Net;
using System.Text.Json;
using Hydra.Grid.Tls;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Qido;

/// <summary>QIDO-RS requests to the bridge over grid TLS with a client credential, with any Accept header.</summary>
public sealed class QidoClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string? _bearerToken;

    /// <summary>A client authenticating with <paramref name="credential"/>, or with <paramref name="bearerToken"/> when given.</summary>
    public QidoClient(TestBridge bridge, string trustDirectory, TlsCredential? credential, string? bearerToken = null)
    {
        _bearerToken = bearerToken;
        _http = DicomWebHttp.Create(bridge, trustDirectory, credential);
    }

    public async Task<QidoResponse> GetAsync(string pathAndQuery, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (_bearerToken is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _bearerToken);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _http.SendAsync(request).DefaultTimeout();
        var body = await response.Content.ReadAsByteArrayAsync().DefaultTimeout();
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        return new QidoResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, warnings, body, response.Headers.RetryAfter?.Delta);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>An answer: status, media type, Warning headers, the body (a DICOM JSON array, or problem JSON).</summary>
public sealed record QidoResponse(HttpStatusCode Status, string? MediaType, IReadOnlyList<string> Warnings, byte[] Body, TimeSpan? RetryAfter = null)
{
    /// <summary>The result objects of a 200 answer.</summary>
    public IReadOnlyList<JsonElement> Results()
    {
        Assert.True(Status == HttpStatusCode.OK, $"{(int)Status}: {System.Text.Encoding.UTF8.GetString(Body)}");
        using var document = JsonDocument.Parse(Body);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>The problem JSON's message of a refusal.</summary>
    public string Error() => DicomWebHttp.ProblemText(Body);
}

/// <summary>Reading DICOM JSON result objects (PS3.18 F.2) by keyword.</summary>
public static class DicomJsonResult
{
    /// <summary>The first value of <paramref name="tag"/> as text (strings, numbers and PN Alphabetic), or null.</summary>
    public static string? Text(this JsonElement result, Dicom.DicomTag tag)
    {
        var values = Values(result, tag);
        return values.Count > 0 ? values[0] : null;
    }

    /// <summary>Every value of <paramref name="tag"/> as text; empty when absent or empty.</summary>
    public static IReadOnlyList<string> Values(this JsonElement result, Dicom.DicomTag tag)
    {
        if (!result.TryGetProperty(tag.Value.ToString("X8"), out var element) || !element.TryGetProperty("Value", out var values))
        {
            return [];
        }

        return [.. values.EnumerateArray().Select(v => v.ValueKind switch
        {
            JsonValueKind.Object => v.GetProperty("Alphabetic").GetString()!,
            JsonValueKind.Number => v.GetRawText(),
            _ => v.GetString()!,
        })];
    }

    public static bool Has(this JsonElement result, Dicom.DicomTag tag) => result.TryGetProperty(tag.Value.ToString("X8"), out _);
}
