using Microsoft.Extensions.Logging;

namespace Hydra.Grid;

/// <summary>Log events of grid trust (EventIds 3101-3102, kept from when they belonged to the hosting layer).</summary>
internal static partial class GridLog
{
    [LoggerMessage(EventId = 3101, EventName = "TrustReloaded", Level = LogLevel.Information,
        Message = "Trust material reloaded from {TrustDirectory} (generation {Generation}).")]
    public static partial void TrustReloaded(ILogger logger, string trustDirectory, long generation);

    [LoggerMessage(EventId = 3102, EventName = "TrustReloadFailed", Level = LogLevel.Error,
        Message = "Reloading trust material from {TrustDirectory} failed; the previous material stays in force.")]
    public static partial void TrustReloadFailed(ILogger logger, string trustDirectory, Exception exception);
}
