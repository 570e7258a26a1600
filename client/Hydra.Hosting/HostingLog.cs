using Microsoft.Extensions.Logging;

namespace Hydra.Hosting;

/// <summary>Log events of the shared hosting layer (EventIds 3100-3199). No event carries key material.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 3100, EventName = "HandshakeFailed", Level = LogLevel.Information,
        Message = "TLS handshake with {Peer} failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 3101, EventName = "TrustReloaded", Level = LogLevel.Information,
        Message = "Trust material reloaded from {TrustDirectory} (generation {Generation}).")]
    public static partial void TrustReloaded(ILogger logger, string trustDirectory, long generation);

    [LoggerMessage(EventId = 3102, EventName = "TrustReloadFailed", Level = LogLevel.Error,
        Message = "Reloading trust material from {TrustDirectory} failed; the previous material stays in force.")]
    public static partial void TrustReloadFailed(ILogger logger, string trustDirectory, Exception exception);
}
