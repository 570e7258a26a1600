using System.CommandLine;

namespace Hydra.CertsDev.Cli;

/// <summary>The <c>hydra-certs</c> command line: <c>init</c>, <c>proxy</c> and <c>list</c>.</summary>
public static class CertsCli
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams. Returns an <see cref="ExitCodes"/> value.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("hydra-certs: a grid-style PKI for Hydra development and tests only (never for real data).")
        {
            InitCommand.Create(),
            ProxyCommand.Create(),
            ListCommand.Create(),
        };
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"hydra-certs: {parseError.Message}");
            }

            error.WriteLine("Run 'hydra-certs --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException exception)
        {
            error.WriteLine($"hydra-certs: {exception.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception exception) when (exception is DevPkiException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"hydra-certs: {exception.Message}");
            return ExitCodes.Failure;
        }
    }
}
