using System.CommandLine;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;

namespace Hydra.Cli;

/// <summary>What every command needs: the console streams, the environment credentials come from, and the global --json option.</summary>
internal sealed class CliContext
{
    public CliContext(CliConsole console, CliEnvironment environment)
    {
        Console = console;
        Environment = environment;
        JsonOption = new Option<bool>("--json")
        {
            Description = "Print the result as one JSON document on stdout instead of human text.",
            Recursive = true,
        };
    }

    public CliConsole Console { get; }

    /// <summary>Environment variables, home folder, uid and clock (the process's own outside tests).</summary>
    public CliEnvironment Environment { get; }

    /// <summary>The global --json option, recognised after any command.</summary>
    public Option<bool> JsonOption { get; }

    /// <summary>The output for the command <paramref name="parseResult"/> invokes.</summary>
    public CommandOutput OutputFor(ParseResult parseResult) => new(Console, parseResult.GetValue(JsonOption));
}
