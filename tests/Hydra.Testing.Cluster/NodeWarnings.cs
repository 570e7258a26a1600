using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hydra.Testing.Cluster;

/// <summary>
/// The warnings and errors the cluster's nodes logged (node, category, text, exception), kept so a test that finds a
/// node not answering can say why in its failure message; a test run's console output is not shown by CI.
/// </summary>
public sealed class NodeWarnings
{
    private const int MaxKept = 200;
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Everything kept, one line each, oldest first; "(none)" when the nodes logged no warning.</summary>
    public override string ToString() => _entries.IsEmpty ? "(none)" : string.Join(Environment.NewLine, _entries);

    internal ILoggerProvider ProviderFor(string nodeId) => new Provider(this, nodeId);

    private void Add(string entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > MaxKept && _entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Provider(NodeWarnings owner, string nodeId) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(owner, nodeId, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(NodeWarnings owner, string nodeId, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var error = exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]";
                owner.Add($"{nodeId} {logLevel} {category}: {formatter(state, exception)}{error}");
            }
        }
    }
}
