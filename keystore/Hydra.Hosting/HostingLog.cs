using Microsoft.Extensions.Logging;

namespace Hydra.Hosting;

/// <summary>Log events of the shared hosting layer (EventIds 3100-3199). No event carries key material.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 3100, EventName = "HandshakeFailed", Level = LogLevel.Information,
        Message = "TLS handshake with {Peer} failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, string peer, string reason);
}
