using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hydra.Bridge.Contract;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Channels;

namespace Hydra.Client.Bridge;

/// <summary>
/// The grid client of the DICOM bridge's reader endpoint: lists the images the caller may read, downloads their
/// ciphertext (useless without the key, which the caller rebuilds from the keystore cluster with its own credential),
/// or the decrypted DICOM file (the bridge rebuilds the key on the caller's behalf), and asks the bridge to revoke a
/// principal's access to a study. Connections are grid TLS, so proxies work; the caller is its certificate, or the
/// holder of the bearer token it connects with.
/// </summary>
public sealed partial class BridgeClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _endpoint;

    private BridgeClient(HttpClient http, string endpoint)
    {
        _http = http;
        _endpoint = endpoint;
    }

    /// <summary>Connects (lazily) to <paramref name="bridge"/>, whose host certificate must prove its expected identity.</summary>
    public static BridgeClient Connect(
        ClusterNode bridge, TlsCredential credential, GridTrustStore trustStore, KeystoreClusterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Connect(bridge, credential, trustStore, bearerToken: null, options);
    }

    /// <summary>
    /// Connects (lazily) to <paramref name="bridge"/> as the holder of <paramref name="bearerToken"/> (an RFC 6750
    /// access token, e.g. found by WLCG token discovery, sent as <c>Authorization: Bearer</c> with every request),
    /// presenting <paramref name="credential"/> in TLS when given: a bridge that does not allow token callers without a
    /// client certificate (<c>Bridge:Tokens:AllowWithoutClientCertificate</c>) needs one, and the token still names the
    /// caller. With a null token this is the certificate client. The token must name an audience the bridge accepts
    /// and, for <see cref="OpenDicomAsync"/>, one the keystore nodes accept (a cluster audience).
    /// </summary>
    /// <exception cref="ArgumentException">Neither a credential nor a token, or a token that is no RFC 6750 b64token.</exception>
    public static BridgeClient Connect(
        ClusterNode bridge, TlsCredential? credential, GridTrustStore trustStore, string? bearerToken, KeystoreClusterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(trustStore);
        if (credential is null && bearerToken is null)
        {
            throw new ArgumentException("Connecting to the bridge needs a grid credential, a bearer token, or both.", nameof(credential));
        }

        // Checked before anything is built; the message never holds the token.
        var authorization = bearerToken is null ? null : BearerToken.HeaderValue(bearerToken);
        options ??= KeystoreClusterOptions.Default;
        var handler = GridHttpHandler.Create(bridge, credential, new HostCertificateValidator(trustStore, options.Time), options.Channel);
        var http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{bridge.Endpoint}/"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (authorization is not null)
        {
            http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return new BridgeClient(http, bridge.Endpoint);
    }

    /// <summary>The images the caller may read, optionally of one study only.</summary>
    public async Task<IReadOnlyList<ImageSummary>> ListImagesAsync(string? studyInstanceUid, CancellationToken cancellationToken)
    {
        var path = studyInstanceUid is null ? "v1/images" : $"v1/images?study={Uri.EscapeDataString(studyInstanceUid)}";
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        var images = await response.Content.ReadFromJsonAsync(BridgeJsonContext.Default.ListImageSummary, cancellationToken).ConfigureAwait(false);
        return images ?? [];
    }

    /// <summary>Streams the ciphertext (a Hydra container) of one image; the caller disposes the stream.</summary>
    public async Task<Stream> OpenObjectAsync(string sopInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sopInstanceUid);
        var request = new HttpRequestMessage(HttpMethod.Get, $"v1/images/{Uri.EscapeDataString(sopInstanceUid)}/object");
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams the de-identified DICOM file (PS3.10) of one image, decrypted by the bridge with a key it rebuilt from
    /// the nodes on the caller's behalf (the nodes decide by the caller's ACL and audit caller and bridge); the caller
    /// disposes the stream. An image that is missing or not readable by the caller is one answer, 404.
    /// </summary>
    public async Task<Stream> OpenDicomAsync(string sopInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sopInstanceUid);
        var request = new HttpRequestMessage(HttpMethod.Get, $"v1/images/{Uri.EscapeDataString(sopInstanceUid)}/dicom");
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Denies <paramref name="principal"/> every key of a study on every node (curators only).</summary>
    public async Task<RevokeResult> RevokeAsync(string studyInstanceUid, string principal, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyInstanceUid);
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        var request = new HttpRequestMessage(HttpMethod.Post, $"v1/studies/{Uri.EscapeDataString(studyInstanceUid)}/revoke")
        {
            Content = JsonContent.Create(new RevokeRequest(principal), BridgeJsonContext.Default.RevokeRequest),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(BridgeJsonContext.Default.RevokeResult, cancellationToken).ConfigureAwait(false)
            ?? throw new BridgeException(response.StatusCode, $"The bridge at {_endpoint} answered the revocation with an empty body.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // HttpClient's default version applies only to its own helpers, not to requests made here; without this the
        // request goes out as HTTP/1.1 and the HTTP/2-only endpoint answers 400.
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        HttpResponseMessage response;
        try
        {
            using (request)
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException ex)
        {
            throw new BridgeException(null, $"The bridge at {_endpoint} could not be reached: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new BridgeException(response.StatusCode, $"The bridge refused: {await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false)}");
        }
    }

    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync(BridgeJsonContext.Default.ProblemMessage, cancellationToken).ConfigureAwait(false);
            return problem?.Error ?? $"HTTP {(int)response.StatusCode}";
        }
        catch (System.Text.Json.JsonException)
        {
            return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
    }

    public void Dispose() => _http.Dispose();
}
