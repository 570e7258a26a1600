using Hydra.Bridge.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Hydra.Bridge.Portal;

/// <summary>
/// Sign-in at the hospital's OpenID provider (authorization code with PKCE) and logout. The patient's identifier is read
/// from the validated ID token (or the token response's SMART <c>patient</c> parameter), turned into a pseudonym and a
/// date offset by <see cref="Patients.IPatientRecords.SignIn"/>, and dropped: the cookie never holds it or a token.
/// </summary>
internal static class PortalSignIn
{
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    public static IResult Challenge(HttpContext context) =>
        PortalClaims.Session(context.User) is not null
            ? Results.Redirect("/")
            : Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);

    public static async Task<IResult> LogoutAsync(HttpContext context, ILogger<PortalSessions> logger, PortalSessions sessions, CancellationToken cancellationToken)
    {
        if (!await PortalEndpoints.FormIsGenuineAsync(context, logger))
        {
            return PortalEndpoints.Refused(context);
        }

        if (PortalClaims.Session(context.User) is { } session)
        {
            sessions.End(context.User.FindFirst(PortalClaims.SessionId)?.Value);
            PortalLog.SignedOut(logger, session.Patient.Value);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var oidc = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        if (string.IsNullOrEmpty(configuration.EndSessionEndpoint))
        {
            return Results.Redirect("/");
        }

        // Ends the provider's session too, so the next sign-in on this browser asks for the password again.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);
    }

    /// <summary>The OpenID Connect client: code flow with PKCE, the one trusted issuer, no tokens kept.</summary>
    public static void Configure(OpenIdConnectOptions oidc, BridgePortalOptions portal)
    {
        var authority = new Uri(portal.Authority);
        oidc.Authority = portal.Authority;
        oidc.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
        oidc.ClientId = portal.ClientId;
        oidc.ClientSecret = portal.ClientSecretFile.Length == 0 ? null : File.ReadAllText(portal.ClientSecretFile).Trim();
        oidc.ResponseType = "code";

        // The code comes back in the query of a top-level GET, which carries SameSite=Lax cookies (form_post would not).
        oidc.ResponseMode = "query";
        oidc.UsePkce = true;
        oidc.SaveTokens = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.MapInboundClaims = false;
        oidc.CallbackPath = CallbackPath;
        oidc.SignedOutCallbackPath = SignedOutCallbackPath;
        oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        oidc.Scope.Clear();
        foreach (var scope in portal.ScopeList())
        {
            oidc.Scope.Add(scope);
        }

        foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
        {
            cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.SameSite = SameSiteMode.Lax;
            cookie.Path = "/";
        }

        oidc.CorrelationCookie.Name = "__Host-hydra-correlation.";
        oidc.NonceCookie.Name = "__Host-hydra-nonce.";
        oidc.BackchannelTimeout = TimeSpan.FromSeconds(15);
        oidc.Events.OnTokenValidated = TokenValidatedAsync;
        oidc.Events.OnRemoteFailure = RemoteFailureAsync;
        oidc.Events.OnAccessDenied = RemoteFailureAsync;
        oidc.Events.OnRedirectToIdentityProviderForSignOut = context =>
        {
            // No ID token is kept to hint with, so name the client: the provider then accepts our return address.
            context.ProtocolMessage.ClientId = portal.ClientId;
            return Task.CompletedTask;
        };
    }

    private static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var portal = services.GetRequiredService<BridgeOptions>().Portal;
        var logger = services.GetRequiredService<ILogger<PortalSessions>>();
        var identifier = context.Principal?.FindFirst(portal.PatientClaim)?.Value;
        if (string.IsNullOrWhiteSpace(identifier))
        {
            identifier = context.TokenEndpointResponse?.Parameters.TryGetValue(portal.PatientClaim, out var parameter) == true ? parameter : null;
        }

        if (string.IsNullOrWhiteSpace(identifier))
        {
            PortalLog.SignInRefused(logger, $"the ID token names no patient (claim '{portal.PatientClaim}')");
            context.HandleResponse();
            await WriteRefusalAsync(context.HttpContext, "Your hospital account does not name you as a patient, so there are no images to show.");
            return;
        }

        var session = PortalEndpoints.Records(context.HttpContext).SignIn(identifier);
        var sessions = services.GetRequiredService<PortalSessions>();
        context.Principal = PortalClaims.Principal(session, sessions.Start(), CookieAuthenticationDefaults.AuthenticationScheme);
        context.Properties!.ExpiresUtc = null;
        context.Properties.IsPersistent = false;
        PortalLog.SignedIn(logger, session.Patient.Value);
    }

    private static async Task RemoteFailureAsync(HandleRequestContext<RemoteAuthenticationOptions> context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILogger<PortalSessions>>();

        // The failure's type only: provider messages may echo parameters of the callback.
        var reason = context is RemoteFailureContext failure ? failure.Failure?.GetType().Name ?? "unknown" : "access denied at the provider";
        PortalLog.SignInRefused(logger, reason);
        context.HandleResponse();
        await WriteRefusalAsync(context.HttpContext, "The sign-in could not be completed. Please start again from the portal's first page.");
    }

    private static async Task WriteRefusalAsync(HttpContext context, string message) =>
        await PortalEndpoints.Page(context, "Sign-in refused", PortalPages.Message(message), token: null, StatusCodes.Status403Forbidden).ExecuteAsync(context);
}
