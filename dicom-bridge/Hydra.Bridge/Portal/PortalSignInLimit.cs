using System.Globalization;
using System.Threading.RateLimiting;
using Hydra.Bridge.Options;
using Microsoft.AspNetCore.RateLimiting;

namespace Hydra.Bridge.Portal;

/// <summary>
/// At most <c>Bridge:Portal:SignInPerMinute</c> sign-in starts and callbacks per client address per minute; the next
/// gets 429 with <c>Retry-After</c>, so nobody can hammer the provider or the session table through the bridge.
/// </summary>
internal sealed class PortalSignInLimit : IRateLimiterPolicy<string>
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly int _perMinute;

    public PortalSignInLimit(BridgeOptions options) => _perMinute = options.Portal.SignInPerMinute;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = _perMinute, Window = Window, QueueLimit = 0 });

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var logger = context.RequestServices.GetRequiredService<ILogger<PortalSignInLimit>>();
        PortalLog.SignInLimited(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _perMinute);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await PortalEndpoints.Page(
            context, "Too many sign-ins", PortalPages.Message("Too many sign-in attempts from your address. Please wait a minute and try again."),
            token: null, StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
    }
}
