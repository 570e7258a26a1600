using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>Keeps every log line (event name and rendered message) so tests can assert on what was logged.</summary>
public sealed class CollectingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public IEnumerable<LogLine> Named(string eventName) => _lines.Where(l => l.EventName == eventName);

    /// <summary>Waits until a line named <paramref name="eventName"/> was logged (log lines come from background tasks).</summary>
    public async Task<LogLine> WaitForAsync(string eventName, Func<LogLine, bool>? where = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var line = _lines.FirstOrDefault(l => l.EventName == eventName && (where?.Invoke(l) ?? true));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No '{eventName}' log line; got: {string.Join(" | ", _lines.Select(l => l.EventName + ": " + l.Message))}");
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue(new LogLine(logLevel, eventId.Id, eventId.Name ?? string.Empty, formatter(state, exception)));
    }
}
