using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;

namespace Hydra.Testing.Oidc;

/// <summary>Obtains access tokens from a test <see cref="OidcProvider"/> by each flow its clients are registered for.</summary>
public static class OidcTokens
{
    private const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>The client-credentials grant of <see cref="OidcClients.ServiceId"/> for <paramref name="resource"/>.</summary>
    public static async Task<TokenResponse> ClientCredentialsAsync(
        this OidcProvider provider, string resource, string scope, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, await EndpointAsync(provider, "token_endpoint", cancellationToken))
        {
            Content = Form(("grant_type", "client_credentials"), ("resource", resource), ("scope", scope)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OidcClients.ServiceId}:{OidcClients.ServiceSecret}")));
        return await TokenAsync(provider, request, cancellationToken);
    }

    /// <summary>
    /// The device authorization grant (RFC 8628) of <see cref="OidcClients.DeviceId"/>, with the user's part done
    /// headlessly: the verification page, the login as <paramref name="accountId"/> and the consent, then the token poll.
    /// </summary>
    public static async Task<TokenResponse> DeviceFlowAsync(
        this OidcProvider provider, string accountId, string resource, string scope, CancellationToken cancellationToken = default)
    {
        using var start = await provider.Http.PostAsync(
            await EndpointAsync(provider, "device_authorization_endpoint", cancellationToken),
            Form(("client_id", OidcClients.DeviceId), ("resource", resource), ("scope", scope)),
            cancellationToken).DefaultTimeout();
        await EnsureSuccessAsync(start, cancellationToken);
        var authorization = await start.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).DefaultTimeout();

        await provider.ApproveDeviceAsync(
            new Uri(authorization.GetProperty("verification_uri").GetString()!),
            authorization.GetProperty("user_code").GetString()!,
            accountId,
            cancellationToken);

        // The user has already approved, so the first poll succeeds; a pending answer is a failure here, not a wait.
        using var request = new HttpRequestMessage(HttpMethod.Post, await EndpointAsync(provider, "token_endpoint", cancellationToken))
        {
            Content = Form(
                ("grant_type", DeviceCodeGrant),
                ("device_code", authorization.GetProperty("device_code").GetString()!),
                ("client_id", OidcClients.DeviceId),
                ("resource", resource)),
        };
        return await TokenAsync(provider, request, cancellationToken);
    }

    /// <summary>
    /// The user's half of a device flow that a client under test started (e.g. <c>hydra login</c>, which prints the
    /// verification address and the user code): opens the address, enters the code, logs in as
    /// <paramref name="accountId"/> (any password) and consents, as a person with a browser would.
    /// </summary>
    public static async Task ApproveDeviceAsync(
        this OidcProvider provider, Uri verificationUri, string userCode, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verificationUri);
        if (verificationUri.GetLeftPart(UriPartial.Authority) != provider.IssuerText)
        {
            // Whatever a client under test printed, the headless user only ever talks to the test's own provider.
            throw new ArgumentException($"The verification address {verificationUri} is not on the provider {provider.Issuer}.", nameof(verificationUri));
        }

        using var browser = new HeadlessBrowser();
        var fields = new Dictionary<string, string> { ["user_code"] = userCode, ["login"] = accountId, ["password"] = "any" };
        await browser.RunAsync(verificationUri, fields, _ => false, cancellationToken);
    }

    /// <summary>
    /// The authorization code grant with PKCE (S256) of <see cref="OidcClients.WebId"/>: login and consent done
    /// headlessly, the code taken from the redirect to <see cref="OidcClients.WebRedirectUri"/>.
    /// </summary>
    public static async Task<TokenResponse> AuthorizationCodeAsync(
        this OidcProvider provider, string accountId, string resource, string scope, CancellationToken cancellationToken = default)
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var query = await Form(
            ("client_id", OidcClients.WebId),
            ("response_type", "code"),
            ("redirect_uri", OidcClients.WebRedirectUri),
            ("scope", scope),
            ("resource", resource),
            ("state", state),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256")).ReadAsStringAsync(cancellationToken).DefaultTimeout();
        var authorize = new Uri($"{await EndpointAsync(provider, "authorization_endpoint", cancellationToken)}?{query}");

        Uri callback;
        using (var browser = new HeadlessBrowser())
        {
            var fields = new Dictionary<string, string> { ["login"] = accountId, ["password"] = "any" };
            callback = await browser.RunAsync(
                authorize, fields, uri => uri.GetLeftPart(UriPartial.Path) == OidcClients.WebRedirectUri, cancellationToken);
        }

        var answer = HttpUtility.ParseQueryString(callback.Query);
        if (answer["state"] != state || answer["code"] is not { } code)
        {
            throw new InvalidOperationException($"The provider's redirect carried no code for this request (error: {answer["error"]}).");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, await EndpointAsync(provider, "token_endpoint", cancellationToken))
        {
            Content = Form(
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", OidcClients.WebRedirectUri),
                ("client_id", OidcClients.WebId),
                ("code_verifier", verifier),
                ("resource", resource)),
        };
        return await TokenAsync(provider, request, cancellationToken);
    }

    /// <summary>An endpoint from the provider's discovery document.</summary>
    public static async Task<Uri> EndpointAsync(OidcProvider provider, string name, CancellationToken cancellationToken = default)
    {
        var discovery = await provider.Http.GetFromJsonAsync<JsonElement>(
            new Uri("/.well-known/openid-configuration", UriKind.Relative), cancellationToken).DefaultTimeout();
        return new Uri(discovery.GetProperty(name).GetString()!);
    }

    private static async Task<TokenResponse> TokenAsync(OidcProvider provider, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await provider.Http.SendAsync(request, cancellationToken).DefaultTimeout();
        await EnsureSuccessAsync(response, cancellationToken);
        return TokenResponse.From(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).DefaultTimeout());
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            // Error answers carry an error code and description, never a token.
            var body = await response.Content.ReadAsStringAsync(cancellationToken).DefaultTimeout();
            throw new HttpRequestException($"The provider answered {(int)response.StatusCode}: {body}");
        }
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));
}
