using System.CommandLine;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;

namespace Hydra.Cli.Commands.Rm;

/// <summary><c>hydra rm KEY-ID [--store DIR]</c></summary>
internal static class RmCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var keyId = KeyIdArgument.Create("The key id of the stored file.");
        var store = StoreOption.Create();
        var command = new Command("rm", "Delete a stored file's key from the cluster, then the encrypted file.") { keyId, store };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            var id = KeyIdArgument.Value(parseResult, keyId);
            var path = StoreOption.PathOf(StoreOption.Folder(parseResult, store), id);
            using var client = cluster.Connect(parseResult);
            var failures = await client.DeleteKeyAsync(id, cancellationToken).ConfigureAwait(false);
            NodeReport.Warn(output, failures);
            File.Delete(path);
            if (output.Json)
            {
                output.Document(new FileResult(id.Value, path, null), CliJsonContext.Default.FileResult);
            }
            else
            {
                output.Note($"[green]Deleted key {id.Value} and {Spectre.Console.Markup.Escape(path)}.[/]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
