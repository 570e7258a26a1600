using Hydra.Bridge.Options;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hydra.Bridge.Portal;

/// <summary>
/// Registers the portal (patients, and clinicians signed in with a token) when <c>Bridge:Portal:Port</c> is set: cookie
/// sessions, the OpenID Connect client, antiforgery, the sign-in rate limit, the listener split and the security
/// headers. Without a port only the (empty)
/// <see cref="PortalListener"/> is registered, so a bridge without a portal has no authentication services at all.
/// </summary>
internal static class PortalSetup
{
    /// <summary>
    /// The pages' policy: no script, nothing from elsewhere. Forms may also go to the trusted provider's origin, because
    /// browsers apply form-action to the redirects that follow a submission, and the logout form's answer redirects
    /// to the provider's end_session endpoint; no portal form names it directly.
    /// </summary>
    public static string ContentSecurityPolicy(BridgePortalOptions portal) =>
        $"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' {new Uri(portal.Authority).GetLeftPart(UriPartial.Authority)}; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// WebApplication adds <c>UseAuthentication</c> at the head of the pipeline, for every listener and ahead of the
    /// rate limiter, unless this property says it is already in place (it is, for portal connections only).
    /// </summary>
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    /// <summary>Whether the configuration (and the caller's changes) turn the portal on.</summary>
    public static bool Configured(IConfiguration configuration, Action<BridgeOptions>? configure)
    {
        var preview = new BridgeOptions();
        configuration.GetSection(BridgeOptions.SectionName).Bind(preview);
        configure?.Invoke(preview);
        return preview.Portal.Enabled;
    }

    public static IServiceCollection AddPortal(this IServiceCollection services, bool enabled)
    {
        services.AddSingleton<PortalListener>();
        if (!enabled)
        {
            return services;
        }

        services.AddSingleton<PortalSessions>();
        services.AddSingleton<ReaderRecords>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, PortalListenerPolicy>());

        // Keys in memory: a restart ends every session (they last minutes) and no key file can leak cookies' contents.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "__Host-hydra-antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.FormFieldName = "__antiforgery";
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<BridgeOptions>((cookie, bridge) => ConfigureCookie(cookie, bridge.Portal));
        services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<BridgeOptions>((oidc, bridge) => PortalSignIn.Configure(oidc, bridge.Portal));
        services.AddOptions<RateLimiterOptions>().Configure(limiter => limiter.AddPolicy<string, PortalSignInLimit>(PortalEndpoints.SignInPolicy));
        return services;
    }

    /// <summary>The security headers on every portal answer (pages, files, redirects, refusals).</summary>
    public static void UsePortalHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (PortalListener.IsPortal(context))
        {
            var policy = ContentSecurityPolicy(context.RequestServices.GetRequiredService<BridgeOptions>().Portal);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.StrictTransportSecurity = "max-age=31536000";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (headers.CacheControl.Count == 0 || context.Request.Path != "/portal.css")
                {
                    // Pages name a patient's studies and access log: never kept by a browser or proxy.
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    });

    /// <summary>Cookie and OpenID handling, for portal connections only (the reader endpoint has its own credentials).</summary>
    public static void UsePortalAuthentication(this IApplicationBuilder app)
    {
        app.UseWhen(PortalListener.IsPortal, portal => portal.UseAuthentication());
        app.Properties[AuthenticationMiddlewareSet] = true;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, BridgePortalOptions portal)
    {
        // __Host-: Secure, path /, no Domain, so no sibling host can set or read it.
        cookie.Cookie.Name = "__Host-hydra-session";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Cookie.Path = "/";

        // Lax, not Strict: sign-in ends with the provider's cross-site top-level redirect to our callback, and the
        // patient arrives from the hospital's site by link; Strict would show them signed out on that first page.
        // Lax still withholds the cookie from cross-site POSTs, and every form also carries an antiforgery token.
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.ExpireTimeSpan = TimeSpan.FromMinutes(portal.SessionMinutes);
        cookie.SlidingExpiration = false;
        cookie.Events.OnValidatePrincipal = context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<PortalSessions>();
            if (!sessions.IsLive(context.Principal?.FindFirst(PortalClaims.SessionId)?.Value))
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILogger<PortalSessions>>();
                if (context.Principal is { } principal && PortalClaims.ReaderSessionId(principal) is not null)
                {
                    PortalLog.ReaderSessionRejected(logger);
                }
                else
                {
                    PortalLog.SessionRejected(logger, context.Principal?.FindFirst(PortalClaims.Pseudonym)?.Value ?? "unknown");
                }

                context.RejectPrincipal();
            }

            return Task.CompletedTask;
        };
    }
}
