using System.CommandLine;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;

namespace Hydra.Cli.Commands.Encrypt;

/// <summary><c>hydra encrypt KEY-ID INPUT OUTPUT</c>: encrypt with a key registered on the cluster.</summary>
internal static class EncryptCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var keyId = KeyIdArgument.Create("The registered key to encrypt with (see 'hydra key register').");
        var input = new Argument<FileInfo>("input") { Description = "The file to encrypt." }.AcceptExistingOnly();
        var outputFile = new Argument<FileInfo>("output") { Description = "Where to write the encrypted container." };
        var command = new Command("encrypt", "Encrypt a file into a Hydra container with a key rebuilt from the cluster.") { keyId, input, outputFile };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            using var client = cluster.Connect(parseResult);
            using var key = await client.GetKeyAsync(KeyIdArgument.Value(parseResult, keyId), cancellationToken).ConfigureAwait(false);
            NodeReport.WarnFetched(output, key);
            var header = await FileCrypto.EncryptAsync(output, parseResult.GetValue(input)!.FullName, parseResult.GetValue(outputFile)!.FullName,
                key.KeyId, key.KeyMemory, client.Configuration, cancellationToken).ConfigureAwait(false);
            FileResults.Report(output, new FileResult(key.KeyId.Value, parseResult.GetValue(outputFile)!.FullName, header.PlaintextLength,
                NodeFailureDocument.From(key.Failed)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
