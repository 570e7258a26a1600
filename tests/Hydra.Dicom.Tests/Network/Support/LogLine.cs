using Microsoft.Extensions.Logging;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>One log line kept by <see cref="CollectingLoggerFactory"/>.</summary>
public sealed record LogLine(LogLevel Level, int EventId, string EventName, string Message);
