using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace Hydra.Cli.Output;

/// <summary>
/// Where a command's results go: human text (plain lines for data on stdout, Spectre-rendered notes on stderr) or,
/// with --json, exactly one JSON document on stdout.
/// </summary>
internal sealed class CommandOutput
{
    private readonly CliConsole _console;
    private readonly IAnsiConsole _notes;

    public CommandOutput(CliConsole console, bool json)
    {
        _console = console;
        Json = json;
        _notes = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
    }

    /// <summary>True when the result must be one JSON document.</summary>
    public bool Json { get; }

    /// <summary>Writes a data line (a share, a value) to stdout as is: never wrapped or styled, so it can be piped.</summary>
    public void Line(string text) => _console.Out.WriteLine(text);

    /// <summary>Writes raw bytes (a recovered secret) to stdout.</summary>
    public Task WriteBytesAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        _console.StandardOutput.WriteAsync(bytes, cancellationToken).AsTask();

    /// <summary>A human note on stderr in Spectre markup; silent in JSON mode.</summary>
    public void Note(string markup)
    {
        if (!Json)
        {
            _notes.MarkupLine(markup);
        }
    }

    /// <summary>A warning line on stderr, in both modes (JSON results carry the same facts as fields).</summary>
    public void Warning(string text) => _console.Error.WriteLine($"hydra: warning: {text}");

    /// <summary>Writes the command's one JSON document to stdout.</summary>
    public void Document<T>(T result, JsonTypeInfo<T> typeInfo) => _console.Out.WriteLine(JsonSerializer.Serialize(result, typeInfo));
}
