using Hydra.Access;
using Hydra.Bridge.Options;
using Hydra.Bridge.Readers;
using Hydra.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Hydra.Bridge.Portal;

/// <summary>
/// Sign-in at the hospital's OpenID provider (authorization code with PKCE) and logout. The patient's identifier is read
/// from the validated ID token (or the token response's SMART <c>patient</c> parameter), turned into a pseudonym and a
/// date offset by <see cref="Patients.IPatientRecords.SignIn"/>, and dropped: the cookie never holds it or a token.
/// A patient's grant must hold <c>Bridge:Portal:PatientScope</c>. An account naming no patient is a clinician when
/// <c>Bridge:Portal:KeystoreResource</c> is set: the access token issued for that resource is validated like the reader
/// endpoint's bearer tokens and kept in <see cref="PortalSessions"/> only, for the session's key fetches.
/// </summary>
internal static class PortalSignIn
{
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    public static IResult Challenge(HttpContext context) =>
        PortalViewer.Of(context) is not null
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
        else if (PortalClaims.ReaderSessionId(context.User) is { } readerSession && sessions.Reader(readerSession) is { } reader)
        {
            sessions.End(readerSession);
            PortalLog.ReaderSignedOut(logger, reader.Identity.SubjectText);
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

    /// <summary>
    /// The OpenID Connect client: code flow with PKCE, the one trusted issuer, no tokens kept in the cookie; the access
    /// token is asked for the keystore resource (RFC 8707) when clinicians may sign in.
    /// </summary>
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
        oidc.Resource = portal.KeystoreResource.Length == 0 ? null : portal.KeystoreResource;
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
            if (portal.KeystoreResource.Length > 0)
            {
                await SignInReaderAsync(context, logger);
                return;
            }

            PortalLog.SignInRefused(logger, $"the ID token names no patient (claim '{portal.PatientClaim}')");
            context.HandleResponse();
            await WriteRefusalAsync(context.HttpContext, "Your hospital account does not name you as a patient, so there are no images to show.");
            return;
        }

        // RFC 6749 lets a provider leave out the scope it granted as asked; this sign-in needs it said, so absent is refused.
        var granted = context.TokenEndpointResponse?.Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (!granted.Contains(portal.PatientScope, StringComparer.Ordinal))
        {
            PortalLog.SignInRefused(logger, $"the patient's grant lacks the scope '{portal.PatientScope}' (Bridge:Portal:PatientScope)");
            context.HandleResponse();
            await WriteRefusalAsync(context.HttpContext, "Your hospital did not allow this portal to show your imaging studies, so you are not signed in.");
            return;
        }

        var session = PortalEndpoints.Records(context.HttpContext).SignIn(identifier);
        var sessions = services.GetRequiredService<PortalSessions>();
        context.Principal = PortalClaims.Principal(session, sessions.Start(), CookieAuthenticationDefaults.AuthenticationScheme);
        context.Properties!.ExpiresUtc = null;
        context.Properties.IsPersistent = false;
        PortalLog.SignedIn(logger, session.Patient.Value);
    }

    /// <summary>
    /// A clinician: the access token of the token response, validated by the bridge's <see cref="BearerAuthenticator"/>
    /// (the <c>Bridge:Tokens</c> issuers and audiences), becomes a reader session; the cookie holds only its id.
    /// </summary>
    private static async Task SignInReaderAsync(TokenValidatedContext context, ILogger logger)
    {
        var services = context.HttpContext.RequestServices;
        var token = context.TokenEndpointResponse?.AccessToken;
        var peer = context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        CallerIdentity? reader = null;
        if (string.IsNullOrEmpty(token))
        {
            PortalLog.SignInRefused(logger, "the account names no patient and the token response carries no access token");
        }
        else
        {
            try
            {
                reader = await services.GetRequiredService<BearerAuthenticator>().AuthenticateAsync(token, peer, context.HttpContext.RequestAborted);
            }
            catch (CredentialRefusedException ex)
            {
                // The message names the refusal (issuer, reason), never the token.
                var claimed = BearerAuthenticator.Claimed(token, peer, services.GetRequiredService<TimeProvider>().GetUtcNow());
                PortalLog.SignInRefused(logger, $"the access token claiming {claimed.SubjectText} was refused: {ex.Message}");
            }
        }

        if (reader is null)
        {
            context.HandleResponse();
            await WriteRefusalAsync(context.HttpContext, "Your hospital account names no patient, and its access could not be checked for reading studies, so you are not signed in.");
            return;
        }

        var (sessionId, expires) = services.GetRequiredService<PortalSessions>().Start(new ReaderCaller(reader, ReaderCredential.Token(token!)));
        context.Principal = PortalClaims.Reader(sessionId, CookieAuthenticationDefaults.AuthenticationScheme);
        context.Properties!.ExpiresUtc = expires;
        context.Properties.IsPersistent = false;
        PortalLog.ReaderSignedIn(logger, reader.SubjectText, reader.FqanTexts, expires);
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
