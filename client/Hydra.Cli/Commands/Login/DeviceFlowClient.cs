using System.Net;
using System.Text.Json;
using Hydra.Cli.Tokens;
using Hydra.Keystore.Contract;

namespace Hydra.Cli.Commands.Login;

/// <summary>
/// The client side of the OAuth 2.0 device authorization grant (RFC 8628) with OpenID Connect discovery and resource
/// indicators (RFC 8707), on plain <see cref="HttpClient"/>: three form posts and their JSON answers, waits driven by
/// <see cref="TimeProvider"/>. Tokens and device codes never appear in a message.
/// </summary>
internal sealed class DeviceFlowClient
{
    private const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>RFC 8628 section 3.5: a <c>slow_down</c> answer adds 5 seconds to the polling interval.</summary>
    private static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public DeviceFlowClient(HttpClient http, TimeProvider time)
    {
        _http = http;
        _time = time;
    }

    /// <summary>The issuer's device authorization and token endpoints, from its OpenID discovery document.</summary>
    public async Task<IssuerEndpoints> DiscoverAsync(Uri issuer, CancellationToken cancellationToken)
    {
        var address = new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration");
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, address), "its discovery document", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError)
        {
            throw new LoginException(LoginProblem.BadAnswer, $"The issuer {issuer} has no OpenID discovery document at {address} (HTTP {(int)response.StatusCode}).");
        }

        using var document = await ReadJsonAsync(response, "discovery document", cancellationToken).ConfigureAwait(false);

        var root = document.RootElement;
        // OpenID Connect Discovery section 4.3: the document must name the issuer asked, or it speaks for someone else.
        if (String(root, "issuer")?.TrimEnd('/') != issuer.AbsoluteUri.TrimEnd('/'))
        {
            throw new LoginException(LoginProblem.BadAnswer, $"The discovery document at {address} names another issuer ('{String(root, "issuer")}').");
        }

        var device = String(root, "device_authorization_endpoint")
            ?? throw new LoginException(LoginProblem.BadAnswer, $"The issuer {issuer} offers no device authorization (RFC 8628): its discovery document has no device_authorization_endpoint.");
        var token = String(root, "token_endpoint")
            ?? throw new LoginException(LoginProblem.BadAnswer, $"The issuer {issuer}'s discovery document has no token_endpoint.");
        return new IssuerEndpoints(IssuerPolicy.Endpoint(device, "device_authorization_endpoint"), IssuerPolicy.Endpoint(token, "token_endpoint"));
    }

    /// <summary>Starts the grant (RFC 8628 section 3.1): the user code and where the user enters it.</summary>
    public async Task<DeviceAuthorization> AuthorizeAsync(IssuerEndpoints endpoints, LoginRequest request, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>> { new("client_id", request.ClientId), new("scope", request.Scope) };
        if (request.Resource is { } resource)
        {
            fields.Add(new("resource", resource));
        }

        using var response = await PostAsync(endpoints.DeviceAuthorization, fields, "device authorization", cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, "device authorization", cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (!response.IsSuccessStatusCode)
        {
            throw Refusal(root, response.StatusCode, "refused the device authorization request");
        }

        var deviceCode = String(root, "device_code");
        var userCode = String(root, "user_code");
        var verification = String(root, "verification_uri");
        if (deviceCode is null || userCode is null || !Uri.TryCreate(verification, UriKind.Absolute, out var verificationUri)
            || !root.TryGetProperty("expires_in", out var expiresIn) || !expiresIn.TryGetInt32(out var expiresSeconds) || expiresSeconds <= 0)
        {
            throw new LoginException(LoginProblem.BadAnswer, "The issuer's device authorization answer lacks device_code, user_code, verification_uri or expires_in (RFC 8628 section 3.2).");
        }

        // RFC 8628 section 3.2: without "interval" the client waits 5 seconds between polls.
        var interval = root.TryGetProperty("interval", out var given) && given.TryGetInt32(out var seconds) && seconds > 0 ? seconds : 5;
        var complete = Uri.TryCreate(String(root, "verification_uri_complete"), UriKind.Absolute, out var completeUri) ? completeUri : null;
        return new DeviceAuthorization(deviceCode, userCode, verificationUri, complete, TimeSpan.FromSeconds(expiresSeconds), TimeSpan.FromSeconds(interval));
    }

    /// <summary>
    /// Polls the token endpoint (RFC 8628 section 3.4) every <c>interval</c> until the user approves or denies or the
    /// code expires; <c>slow_down</c> lengthens the interval by 5 seconds for good.
    /// </summary>
    public async Task<GrantedToken> PollAsync(
        IssuerEndpoints endpoints, LoginRequest request, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + authorization.ExpiresIn;
        var interval = authorization.Interval;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", DeviceCodeGrant), new("device_code", authorization.DeviceCode), new("client_id", request.ClientId),
        };
        if (request.Resource is { } resource)
        {
            fields.Add(new("resource", resource));
        }

        while (true)
        {
            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            if (_time.GetUtcNow() >= deadline)
            {
                throw CodeExpired();
            }

            using var response = await PostAsync(endpoints.Token, fields, "token", cancellationToken).ConfigureAwait(false);
            using var document = await ReadJsonAsync(response, "token", cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (response.IsSuccessStatusCode)
            {
                return Granted(root);
            }

            switch (String(root, "error"))
            {
                case "authorization_pending":
                    continue;
                case "slow_down":
                    interval += SlowDownStep;
                    continue;
                case "expired_token":
                    throw CodeExpired();
                default:
                    throw Refusal(root, response.StatusCode, "refused the token request");
            }
        }
    }

    private static GrantedToken Granted(JsonElement root)
    {
        var token = String(root, "access_token");
        if (token is null || !string.Equals(String(root, "token_type"), "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new LoginException(LoginProblem.BadAnswer, "The issuer's token answer holds no Bearer access_token.");
        }

        if (!BearerToken.IsB64Token(token) || token.Length > TokenText.MaxLength)
        {
            throw new LoginException(LoginProblem.BadAnswer, "The issuer sent an access token that is not an RFC 6750 token (it is not shown).");
        }

        var expiresIn = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        return new GrantedToken(token, expiresIn, String(root, "scope"));
    }

    private static LoginException CodeExpired() =>
        new(LoginProblem.CodeExpired, "The code expired before the login was approved: run 'hydra login' again and approve within the time given.");

    private static LoginException Refusal(JsonElement root, HttpStatusCode status, string what)
    {
        // RFC 6749 section 5.2 error answers carry a code and a description, never a token.
        var error = String(root, "error") ?? $"HTTP {(int)status}";
        var description = String(root, "error_description");
        var problem = (int)status >= 500 ? LoginProblem.Unreachable : LoginProblem.Refused;
        var advice = error == "access_denied" ? " The login was declined at the issuer." : string.Empty;
        return new LoginException(problem, $"The issuer {what}: {error}{(description is null ? string.Empty : $" ({description})")}.{advice}");
    }

    private Task<HttpResponseMessage> PostAsync(Uri endpoint, IEnumerable<KeyValuePair<string, string>> fields, string what, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(fields) }, $"its {what} endpoint", cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Headers.Accept.ParseAdd("application/json");
            try
            {
                return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new LoginException(LoginProblem.Unreachable, $"The issuer could not be reached at {what} ({request.RequestUri}): {ex.Message}", ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new LoginException(LoginProblem.Unreachable, $"The issuer did not answer at {what} ({request.RequestUri}) in time.", ex);
            }
        }
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode >= 500)
        {
            throw new LoginException(LoginProblem.Unreachable, $"The issuer's {what} endpoint failed (HTTP {(int)response.StatusCode}); try again later.");
        }

        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    document.Dispose();
                    throw new JsonException("not an object");
                }

                return document;
            }
        }
        catch (JsonException ex)
        {
            throw new LoginException(LoginProblem.BadAnswer, $"The issuer's {what} answer (HTTP {(int)response.StatusCode}) is not a JSON object.", ex);
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
