using System.Globalization;
using System.Threading.RateLimiting;
using Hydra.Bridge.Options;
using Hydra.Bridge.Readers;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hydra.Bridge.DicomWeb;

/// <summary>
/// The overload gate of <c>/dicom-web</c>: at most <c>Bridge:DicomWeb:MaxConcurrentRequests</c> requests in progress
/// (a streamed retrieve holds its permit until its last byte), none queued; the next is answered 503 with
/// <c>Retry-After</c> (PS3.18 8.6.1.2 lists 503 for a busy origin) rather than piling up memory and key fetches.
/// One policy, one partition: every route of the group shares the one limiter.
/// </summary>
internal static class DicomWebGate
{
    public const string Policy = "dicom-web";

    /// <summary>Registers the limiter (its numbers from the bound <see cref="BridgeOptions"/>).</summary>
    public static IServiceCollection AddDicomWebGate(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<BridgeOptions>>((limiter, bridge) =>
        {
            var options = bridge.Value.DicomWeb;
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.AddPolicy(Policy, _ => RateLimitPartition.GetConcurrencyLimiter(
                Policy, _ => new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrentRequests, QueueLimit = 0 }));
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected.HttpContext, options);
        });
        return services;
    }

    /// <summary>The <c>/dicom-web</c> group with the gate on it: map QIDO-RS, WADO-RS and STOW-RS on the one group.</summary>
    public static RouteGroupBuilder MapDicomWeb(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(DicomWebPath.Root);
        group.RequireRateLimiting(Policy);
        return group;
    }

    private static async ValueTask RejectAsync(HttpContext context, BridgeDicomWebOptions options)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DicomWebGate).FullName!);
        DicomWebLog.Busy(logger, options.MaxConcurrentRequests);
        context.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var busy = ReaderEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, string.Create(CultureInfo.InvariantCulture,
            $"The bridge is serving {options.MaxConcurrentRequests} DICOMweb requests already (Bridge:DicomWeb:MaxConcurrentRequests); retry after {options.RetryAfterSeconds} s."));
        await busy.ExecuteAsync(context);
    }
}
