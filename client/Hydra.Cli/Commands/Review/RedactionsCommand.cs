using System.CommandLine;
using System.Globalization;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Spectre.Console;

namespace Hydra.Cli.Commands.Review;

/// <summary>
/// <c>hydra redactions list|thumbnail SOP-UID --out F.png</c>: the images whose burned-in text the bridge blanked, with
/// where (never what), and each one's review thumbnail (officers only; its key rebuilt on the officer's behalf).
/// </summary>
internal static class RedactionsCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var command = new Command("redactions", "Review images whose burned-in text the DICOM bridge blanked (officers only).");
        command.Subcommands.Add(List(context, cluster));
        command.Subcommands.Add(ThumbnailCommand.Create(
            context, cluster, "SOP-UID", "Write a PNG of the redacted frame with the blanked regions outlined.",
            (bridge, sop, ct) => bridge.GetRedactionThumbnailAsync(sop, ct)));
        return command;
    }

    private static Command List(CliContext context, ClusterOptions cluster)
    {
        var command = new Command("list", "List the redacted images and their blanked regions.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            using var connection = BridgeConnection.Open(cluster, parseResult);
            var redactions = await connection.Bridge.ListRedactionsAsync(cancellationToken).ConfigureAwait(false);
            if (output.Json)
            {
                output.Document(new RedactionListResult(redactions), CliJsonContext.Default.RedactionListResult);
                return ExitCodes.Ok;
            }

            if (redactions.Count > 0)
            {
                var table = new Table().AddColumns("image (SOP instance)", "study", "source", "ingested", "regions (frame: x,y wxh source)");
                foreach (var r in redactions)
                {
                    var regions = string.Join("; ", r.Regions.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Frame}: {g.X},{g.Y} {g.Width}x{g.Height} {g.Source}")));
                    table.AddRow(
                        Markup.Escape(r.SopInstanceUid), Markup.Escape(r.StudyInstanceUid), Markup.Escape(r.Source), QuarantineCommand.Time(r.Ingested),
                        Markup.Escape(regions));
                }

                output.Table(table);
            }

            output.Note(redactions.Count == 0 ? "No redacted images." : $"{redactions.Count} redacted image{(redactions.Count == 1 ? string.Empty : "s")}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
