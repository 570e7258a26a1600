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

    /// <summary>
    /// The bridge's patient portal: a public web client (authorization code with PKCE, no secret) whose https loopback
    /// redirects match on any port (a test bridge binds port 0), asking SMART scopes for the patient's context.
    /// </summary>
    public const string PortalId = "hydra-portal";

    /// <summary>Another portal-like client of the same provider: its codes and ID tokens must not open the portal.</summary>
    public const string OtherPortalId = "hydra-other-portal";

    /// <summary>The portal's sign-in callback (any port on 127.0.0.1).</summary>
    public const string PortalRedirectUri = "https://127.0.0.1/signin-oidc";

    /// <summary>Where the provider returns after ending its session at the portal's logout (any port).</summary>
    public const string PortalSignedOutUri = "https://127.0.0.1/signout-callback-oidc";

    /// <summary>The scopes the portal asks for beyond <c>openid</c> (SMART App Launch v2).</summary>
    public static IReadOnlyList<string> PortalScopes { get; } = ["fhirUser", "launch/patient", "patient/ImagingStudy.rs"];

    /// <summary>Clients whose https loopback redirects match on any port (RFC 8252 allows it only for http).</summary>
    internal static IReadOnlyList<string> AnyLoopbackPortClients { get; } = [PortalId, OtherPortalId];

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
        Portal(PortalId),
        Portal(OtherPortalId),
    ];

    private static Dictionary<string, object> Portal(string clientId) => new()
    {
        ["client_id"] = clientId,
        ["application_type"] = "web",
        ["token_endpoint_auth_method"] = "none",
        ["grant_types"] = new[] { "authorization_code" },
        ["response_types"] = new[] { "code" },
        ["redirect_uris"] = new[] { PortalRedirectUri },
        ["post_logout_redirect_uris"] = new[] { PortalSignedOutUri },
    };
}
