using System.CommandLine;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;

namespace Hydra.Cli.Commands.Get;

/// <summary><c>hydra get KEY-ID OUTPUT [--store DIR]</c></summary>
internal static class GetCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var keyId = KeyIdArgument.Create("The key id 'hydra put' printed.");
        var outputPath = new Argument<string>("output") { Description = "Where to write the decrypted file ('-' for stdout)." };
        var store = StoreOption.Create();
        var command = new Command("get", "Decrypt a file from the storage folder with its key rebuilt from the cluster.") { keyId, outputPath, store };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            var id = KeyIdArgument.Value(parseResult, keyId);
            var source = StoreOption.PathOf(StoreOption.Folder(parseResult, store), id);
            if (!File.Exists(source))
            {
                throw new FileNotFoundException($"No stored file for key '{id.Value}' at '{source}'.");
            }

            using var client = cluster.Connect(parseResult);
            var target = parseResult.GetValue(outputPath)!;
            var (header, key) = await FileCrypto.DecryptAsync(output, context.Console, client, source, target, cancellationToken).ConfigureAwait(false);
            using (key)
            {
                NodeReport.WarnFetched(output, key);
                if (header.KeyId != id)
                {
                    throw new InvalidDataException($"'{source}' holds key '{header.KeyId}', not '{id.Value}'.");
                }

                if (target != "-")
                {
                    FileResults.Report(output, new FileResult(id.Value, Path.GetFullPath(target), header.PlaintextLength, NodeFailureDocument.From(key.Failed)));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
