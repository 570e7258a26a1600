using System.Net;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.Support;

/// <summary>
/// Plain HTTP/2 requests to the bridge's reader endpoint over grid TLS, with any Authorization header, for what the
/// typed client never sends (other schemes, malformed tokens) and for the answers' headers.
/// </summary>
public sealed class RawReader : IDisposable
{
    private readonly HttpClient _http;

    public RawReader(TestBridge bridge, string trustDirectory, TlsCredential? credential = null)
    {
        var handler = GridHttpHandler.Create(
            bridge.ClientConfiguration().Bridge!, credential, new HostCertificateValidator(GridTrustStore.Load(trustDirectory)), GridChannelOptions.Default);
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri($"http://127.0.0.1:{bridge.Node.ReaderPort}/") };
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await _http.SendAsync(request).DefaultTimeout();
    }

    public void Dispose() => _http.Dispose();
}
