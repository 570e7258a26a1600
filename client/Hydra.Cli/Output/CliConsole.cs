using System.Text;

namespace Hydra.Cli.Output;

/// <summary>The streams a command talks to: the process's own, or in-memory ones in tests.</summary>
internal sealed class CliConsole
{
    public CliConsole(Stream standardInput, Stream standardOutput, TextWriter error)
    {
        StandardInput = standardInput;
        StandardOutput = standardOutput;
        Error = error;
        Out = new StreamWriter(standardOutput, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 4096, leaveOpen: true)
        {
            AutoFlush = true,
        };
    }

    /// <summary>Binary standard input (secrets, share lines).</summary>
    public Stream StandardInput { get; }

    /// <summary>Binary standard output (recovered secrets).</summary>
    public Stream StandardOutput { get; }

    /// <summary>Text standard output (shares, JSON, help); flushed after every write so it interleaves with binary output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: diagnostics and the one-line error of a failed command.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether a person watches stderr (progress bars are drawn only then).</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Whether stdout is a terminal (tables are then drawn in colour at its width; otherwise plain and wide).</summary>
    public bool IsOutputInteractive { get; init; }

    /// <summary>The process's console streams.</summary>
    public static CliConsole System() =>
        new(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error)
        {
            IsInteractive = !Console.IsErrorRedirected,
            IsOutputInteractive = !Console.IsOutputRedirected,
        };
}
