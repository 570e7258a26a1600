using System.CommandLine;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;

namespace Hydra.Cli.Commands.Key;

/// <summary><c>hydra key rm KEY-ID</c></summary>
internal static class KeyRemoveCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var keyId = KeyIdArgument.Create();
        var command = new Command("rm", "Delete a key's shares from every node (whatever it encrypted becomes unreadable).") { keyId };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            var id = KeyIdArgument.Value(parseResult, keyId);
            using var client = cluster.Connect(parseResult);
            var failures = await client.DeleteKeyAsync(id, cancellationToken).ConfigureAwait(false);
            if (output.Json)
            {
                output.Document(new KeyResult(id.Value, Failed: NodeFailureDocument.From(failures)), CliJsonContext.Default.KeyResult);
            }
            else
            {
                NodeReport.Warn(output, failures);
                output.Note($"[green]Key {id.Value} deleted from {client.Nodes.Count - failures.Count} of {client.Nodes.Count} nodes.[/]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
