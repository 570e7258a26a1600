using System.Net;
using Hydra.Grid.Tls;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Wado;

/// <summary>A DICOMweb client of the bridge's reader endpoint: HTTP/2 over grid TLS with a reader's credential.</summary>
public sealed class WadoHttp : IDisposable
{
    private readonly HttpClient _http;

    public WadoHttp(TestBridge bridge, string trustDirectory, TlsCredential credential)
    {
        _http = DicomWebHttp.Create(bridge, trustDirectory, credential);
    }

    /// <summary>Sends a GET; the answer's body is not read yet (headers only), so a test can hold it open.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).DefaultTimeout();
    }

    /// <summary>Sends a GET and reads the whole answer.</summary>
    public async Task<(HttpResponseMessage Response, byte[] Body)> GetAllAsync(string path, string? accept = null)
    {
        var response = await GetAsync(path, accept);
        var body = await response.Content.ReadAsByteArrayAsync().DefaultTimeout();
        return (response, body);
    }

    public void Dispose() => _http.Dispose();
}
