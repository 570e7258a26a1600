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
    private const int NoteWidth = 4096;

    private readonly CliConsole _console;
    private readonly IAnsiConsole _notes;

    public CommandOutput(CliConsole console, bool json)
    {
        _console = console;
        Json = json;
        _notes = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        if (!console.IsInteractive)
        {
            // Spectre wraps at 80 columns when stderr is not a terminal; a note in a log or a pipe stays one line.
            _notes.Profile.Width = NoteWidth;
        }
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

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on stderr for <paramref name="totalBytes"/> when a person is
    /// watching (stderr is a terminal and the output is not JSON); otherwise just runs it.
    /// </summary>
    public async Task<T> WithProgressAsync<T>(string description, long totalBytes, Func<IProgress<long>?, Task<T>> work)
    {
        if (Json || !_console.IsInteractive || totalBytes < ProgressThresholdBytes)
        {
            return await work(null).ConfigureAwait(false);
        }

        T result = default!;
        await _notes.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(description, maxValue: totalBytes);
                result = await work(new Progress<long>(done => task.Value = done)).ConfigureAwait(false);
                task.Value = totalBytes;
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>Files smaller than this (8 MiB) finish too fast for a progress bar to help.</summary>
    public const long ProgressThresholdBytes = 8L << 20;

    /// <summary>Table width when stdout is not watched (files, pipes): wide enough for UIDs and DNs, never wrapped at 80.</summary>
    public const int PlainTableWidth = 200;

    /// <summary>
    /// Renders a table of results on stdout (human mode only): coloured at the terminal's width when a person watches,
    /// plain text at <see cref="PlainTableWidth"/> for files and pipes.
    /// </summary>
    public void Table(Spectre.Console.Rendering.IRenderable table)
    {
        var plain = !_console.IsOutputInteractive;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_console.Out),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (plain)
        {
            console.Profile.Width = PlainTableWidth;
        }

        console.Write(table);
    }

    /// <summary>An error line on stderr about one item of a command that goes on with the others, in both modes.</summary>
    public void Error(string text) => _console.Error.WriteLine($"hydra: error: {text}");

    /// <summary>Writes the command's one JSON document to stdout.</summary>
    public void Document<T>(T result, JsonTypeInfo<T> typeInfo) => _console.Out.WriteLine(JsonSerializer.Serialize(result, typeInfo));
}
