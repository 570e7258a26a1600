using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hydra.Keystore.Tests.Support;

/// <summary>A logger provider that keeps every entry (category, level, event, text, exception) for assertions.</summary>
public sealed class CollectingLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, string EventName, string Message, Exception? Exception);

    private sealed class Logger(CollectingLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new Entry(category, logLevel, eventId.Name ?? string.Empty, formatter(state, exception), exception));
    }
}
