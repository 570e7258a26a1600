using Microsoft.Extensions.Logging;

namespace Hydra.Grid.Tests.Support;

/// <summary>Keeps the events logged, so a test can see that a failure was reported.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(EventId Event, Exception? Exception)> _events = [];

    public IReadOnlyList<(EventId Event, Exception? Exception)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_events)
        {
            _events.Add((eventId, exception));
        }
    }
}
