using System.CommandLine;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Hydra.Client.Bridge;

namespace Hydra.Cli.Commands.Review;

/// <summary>The shared <c>thumbnail ID --out FILE.png</c> of <c>hydra quarantine</c> and <c>hydra redactions</c>.</summary>
internal static class ThumbnailCommand
{
    public static Command Create(
        CliContext context, ClusterOptions cluster, string idName, string description, Func<BridgeClient, string, CancellationToken, Task<byte[]>> fetch)
    {
        var id = new Argument<string>(idName) { Description = idName == "ID" ? "The quarantine id (from list)." : "The SOP Instance UID (from list)." };
        var outFile = new Option<FileInfo>("--out") { Description = "Write the PNG to this file (mode 600).", Required = true };
        var command = new Command("thumbnail", description) { id, outFile };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            using var connection = BridgeConnection.Open(cluster, parseResult);
            var png = await fetch(connection.Bridge, parseResult.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            var path = parseResult.GetValue(outFile)!.FullName;
            // Mode 600: a quarantined original's thumbnail may show burned-in identifying text.
            await PrivateFile.WriteAsync(path, png, cancellationToken).ConfigureAwait(false);
            if (output.Json)
            {
                output.Document(new ThumbnailResult(parseResult.GetValue(id)!, path, png.Length), CliJsonContext.Default.ThumbnailResult);
            }
            else
            {
                output.Line($"wrote {path} ({png.Length} bytes)");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
