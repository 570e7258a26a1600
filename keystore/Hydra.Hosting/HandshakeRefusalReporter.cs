using System.Diagnostics.Metrics;
using Hydra.Grid.Tls;
using Microsoft.Extensions.Logging;

namespace Hydra.Hosting;

/// <summary>
/// Makes refused client connections visible on every grid TLS host: each is counted in the
/// <c>hydra.tls.handshakes.refused</c> counter (tag <c>reason</c>), and logged at most once per peer address and
/// reason per <see cref="LogInterval"/>, so a flood of probes cannot flood the log.
/// </summary>
public sealed class HandshakeRefusalReporter : IHandshakeRefusalSink
{
    /// <summary>The meter of grid TLS hosts.</summary>
    public const string MeterName = "Hydra.Hosting";

    /// <summary>The counter of refused connections.</summary>
    public const string CounterName = "hydra.tls.handshakes.refused";

    /// <summary>Least time between two log lines for the same peer address and reason.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly Counter<long> _refused;
    private readonly RefusalLogLimiter _limiter;
    private readonly ILogger _logger;

    public HandshakeRefusalReporter(IMeterFactory meters, TimeProvider time, ILogger<HandshakeRefusalReporter> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _refused = meters.Create(MeterName).CreateCounter<long>(
            CounterName, unit: "{connection}", description: "Client connections refused in or right after the TLS handshake.");
        _limiter = new RefusalLogLimiter(time, LogInterval);
        _logger = logger;
    }

    public void Refused(HandshakeRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        _refused.Add(1, new KeyValuePair<string, object?>("reason", refusal.Reason.ToString()));
        if (_limiter.ShouldLog(refusal, out var suppressed))
        {
            HostingLog.HandshakeRefused(_logger, refusal.PeerAddress, refusal.Reason, refusal.Detail, suppressed);
        }
    }
}
