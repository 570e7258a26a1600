using System.CommandLine;
using Hydra.Cli.Commands.Shares;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Hydra.Sharing;

namespace Hydra.Cli.Commands.Key;

/// <summary><c>hydra key get KEY-ID [--format hex|base64] [--out FILE]</c></summary>
internal static class KeyGetCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var keyId = KeyIdArgument.Create();
        var format = ShareFormatOption.Create("hex", "Text encoding of the printed key.");
        var outFile = new Option<FileInfo?>("--out") { Description = "Write the key to this file (mode 600) instead of stdout." };
        var command = new Command("get", "Rebuild a key from M shares of the cluster and print it (hex by default).") { keyId, format, outFile };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            using var client = cluster.Connect(parseResult);
            using var key = await client.GetKeyAsync(KeyIdArgument.Value(parseResult, keyId), cancellationToken).ConfigureAwait(false);
            var text = ShareText.Encode(key.Key, ShareFormatOption.Parse(parseResult.GetValue(format)));
            NodeReport.WarnFetched(output, key);
            if (parseResult.GetValue(outFile) is { } file)
            {
                await PrivateFile.WriteAsync(file.FullName, text + Environment.NewLine, cancellationToken).ConfigureAwait(false);
                text = null;
            }

            if (output.Json)
            {
                output.Document(new KeyResult(key.KeyId.Value, Key: text, UsedNodes: key.UsedNodes, BadNodes: key.BadNodes,
                    Failed: NodeFailureDocument.From(key.Failed)), CliJsonContext.Default.KeyResult);
            }
            else if (text is not null)
            {
                output.Line(text);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
