using System.Text;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;

namespace Hydra.Cli.Tests.Support;

/// <summary>The outcome of one in-process run of the hydra command.</summary>
public sealed record CliRun(int ExitCode, byte[] StandardOutputBytes, string StandardError)
{
    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

    public string[] OutputLines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs <c>hydra <paramref name="args"/></c> with <paramref name="stdin"/> and captured output, without bearer tokens.</summary>
    public static Task<CliRun> RunAsync(string[] args, byte[]? stdin = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, TestEnvironment.WithoutTokens(), stdin, cancellationToken);

    /// <summary>Runs <c>hydra <paramref name="args"/></c> with credentials found in <paramref name="environment"/>.</summary>
    internal static async Task<CliRun> RunAsync(string[] args, CliEnvironment environment, byte[]? stdin = null, CancellationToken cancellationToken = default)
    {
        using var input = new MemoryStream(stdin ?? []);
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exitCode = await HydraCli.RunAsync(args, new CliConsole(input, output, error), environment, cancellationToken);
        return new CliRun(exitCode, output.ToArray(), error.ToString());
    }

    public static Task<CliRun> RunAsync(string[] args, string stdin) => RunAsync(args, Encoding.UTF8.GetBytes(stdin));
}
