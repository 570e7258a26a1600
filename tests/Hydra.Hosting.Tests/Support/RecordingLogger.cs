using Microsoft.Extensions.Logging;

namespace Hydra.Hosting.Tests.Support;

/// <summary>Keeps the messages logged, so a test can count and read them.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(EventId Event, string Message)> _lines = [];

    public IReadOnlyList<(EventId Event, string Message)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add((eventId, formatter(state, exception)));
        }
    }
}
