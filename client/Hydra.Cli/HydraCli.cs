using System.CommandLine;
using Hydra.Cli.Commands.Acl;
using Hydra.Cli.Commands.Audit;
using Hydra.Cli.Commands.Cluster;
using Hydra.Cli.Commands.Decrypt;
using Hydra.Cli.Commands.Encrypt;
using Hydra.Cli.Commands.Get;
using Hydra.Cli.Commands.Images;
using Hydra.Cli.Commands.Key;
using Hydra.Cli.Commands.Login;
using Hydra.Cli.Commands.Put;
using Hydra.Cli.Commands.Review;
using Hydra.Cli.Commands.Rm;
using Hydra.Cli.Commands.Shares;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;

namespace Hydra.Cli;

/// <summary>Builds the hydra command tree and runs it: one exit code, one error line, no stack traces.</summary>
internal static class HydraCli
{
    /// <summary>The root command with every verb; one folder per verb under <c>Commands/</c>.</summary>
    public static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand("hydra: split-key storage for medical images on a grid keystore cluster.");
        root.Options.Add(context.JsonOption);
        var cluster = new ClusterOptions(context.Environment);
        foreach (var option in cluster.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(KeyCommand.Create(context, cluster));
        root.Subcommands.Add(EncryptCommand.Create(context, cluster));
        root.Subcommands.Add(DecryptCommand.Create(context, cluster));
        root.Subcommands.Add(PutCommand.Create(context, cluster));
        root.Subcommands.Add(GetCommand.Create(context, cluster));
        root.Subcommands.Add(RmCommand.Create(context, cluster));
        root.Subcommands.Add(AclCommand.Create(context, cluster));
        root.Subcommands.Add(ClusterCommand.Create(context, cluster));
        root.Subcommands.Add(AuditCommand.Create(context, cluster));
        root.Subcommands.Add(ImagesCommand.Create(context, cluster));
        root.Subcommands.Add(QuarantineCommand.Create(context, cluster));
        root.Subcommands.Add(RedactionsCommand.Create(context, cluster));
        root.Subcommands.Add(SharesCommand.Create(context));
        root.Subcommands.Add(LoginCommand.Create(context, cluster));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/> in this process's environment; returns an <see cref="ExitCodes"/> value.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken) =>
        RunAsync(args, console, CliEnvironment.Process(), cancellationToken);

    /// <summary>Parses and runs <paramref name="args"/> with credentials found in <paramref name="environment"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var context = new CliContext(console, environment);
        var parseResult = CreateRoot(context).Parse(args);
        var output = context.OutputFor(parseResult);
        if (parseResult.Errors.Count > 0)
        {
            return Fail(output, console, new UsageException($"{parseResult.Errors[0].Message} (see 'hydra --help')"));
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Ctrl-C reaches commands through cancellationToken instead
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("hydra: cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception exception)
        {
            // The single boundary where any failure becomes one line and an exit code.
            return Fail(output, console, exception);
        }
    }

    private static int Fail(CommandOutput output, CliConsole console, Exception exception)
    {
        var exitCode = ExitCodes.For(exception);
        var message = string.Join(' ', exception.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            + ExitCodes.Advice(exception);
        console.Error.WriteLine($"hydra: error: {message}");
        if (output.Json)
        {
            var sources = exception is Sharing.ShareException share ? share.Sources : [];
            var failed = exception is Cluster.ClusterException { Failures.Count: > 0 } cluster ? NodeFailureDocument.From(cluster.Failures) : null;
            output.Document(new ErrorDocument(exitCode, ExitCodes.Name(exception), message, sources, failed), CliJsonContext.Default.ErrorDocument);
        }

        return exitCode;
    }
}
