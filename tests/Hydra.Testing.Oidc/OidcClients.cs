namespace Hydra.Testing.Oidc;

/// <summary>The clients every test provider registers, one per flow.</summary>
public static class OidcClients
{
    /// <summary>A confidential client for the client-credentials grant (a service such as the bridge).</summary>
    public const string ServiceId = "hydra-service";

    /// <summary>The service client's secret (a test value, sent with HTTP Basic).</summary>
    public const string ServiceSecret = "hydra-service-secret";

    /// <summary>A public native client for the device authorization grant (what <c>hydra login</c> would be).</summary>
    public const string DeviceId = "hydra-cli";

    /// <summary>A public native client for the authorization code grant with PKCE and a loopback redirect.</summary>
    public const string WebId = "hydra-web";

    /// <summary>The web client's redirect; loopback redirects of native clients match on any port.</summary>
    public const string WebRedirectUri = "http://127.0.0.1/callback";

    internal static object[] Registrations() =>
    [
        new Dictionary<string, object>
        {
            ["client_id"] = ServiceId,
            ["client_secret"] = ServiceSecret,
            ["grant_types"] = new[] { "client_credentials" },
            ["response_types"] = Array.Empty<string>(),
            ["redirect_uris"] = Array.Empty<string>(),
        },
        new Dictionary<string, object>
        {
            ["client_id"] = DeviceId,
            ["application_type"] = "native",
            ["token_endpoint_auth_method"] = "none",
            ["grant_types"] = new[] { "urn:ietf:params:oauth:grant-type:device_code", "refresh_token" },
            ["response_types"] = Array.Empty<string>(),
            ["redirect_uris"] = Array.Empty<string>(),
        },
        new Dictionary<string, object>
        {
            ["client_id"] = WebId,
            ["application_type"] = "native",
            ["token_endpoint_auth_method"] = "none",
            ["grant_types"] = new[] { "authorization_code" },
            ["response_types"] = new[] { "code" },
            ["redirect_uris"] = new[] { WebRedirectUri },
        },
    ];
}
