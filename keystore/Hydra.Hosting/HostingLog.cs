using Hydra.Grid.Tls;
using Microsoft.Extensions.Logging;

namespace Hydra.Hosting;

/// <summary>Log events of the shared hosting layer (EventIds 3100-3199). No event carries key material.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 3103, EventName = "HandshakeRefused", Level = LogLevel.Warning,
        Message = "TLS connection from {Peer} refused ({Reason}): {Detail} ({Suppressed} similar refusals not logged since the last line)")]
    public static partial void HandshakeRefused(ILogger logger, string peer, HandshakeRefusalReason reason, string detail, long suppressed);
}
