using System.CommandLine;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;

namespace Hydra.Cli.Commands.Decrypt;

/// <summary><c>hydra decrypt INPUT OUTPUT</c>: the key id comes from the container's header.</summary>
internal static class DecryptCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var input = new Argument<FileInfo>("input") { Description = "The Hydra container to decrypt." }.AcceptExistingOnly();
        var outputPath = new Argument<string>("output") { Description = "Where to write the plaintext ('-' for stdout)." };
        var command = new Command("decrypt", "Decrypt a Hydra container; its key is rebuilt from the cluster with your credential.") { input, outputPath };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            using var client = cluster.Connect(parseResult);
            var target = parseResult.GetValue(outputPath)!;
            var (header, key) = await FileCrypto.DecryptAsync(
                output, context.Console, client, parseResult.GetValue(input)!.FullName, target, cancellationToken).ConfigureAwait(false);
            using (key)
            {
                NodeReport.WarnFetched(output, key);
                if (target != "-")
                {
                    FileResults.Report(output, new FileResult(header.KeyId.Value, Path.GetFullPath(target), header.PlaintextLength,
                        NodeFailureDocument.From(key.Failed)));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
