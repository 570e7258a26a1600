using System.CommandLine;
using System.Globalization;
using Hydra.Bridge.Contract;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Hydra.Client.Bridge;
using Spectre.Console;

namespace Hydra.Cli.Commands.Review;

/// <summary>
/// <c>hydra quarantine list|thumbnail ID --out F.png|release ID|keep ID</c>: the officer's review of quarantined
/// originals on the DICOM bridge. The bridge rebuilds each original's key on the officer's behalf, so the nodes decide
/// and audit every view and decision.
/// </summary>
internal static class QuarantineCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var command = new Command("quarantine", "Review quarantined originals on the DICOM bridge (officers only).");
        command.Subcommands.Add(List(context, cluster));
        command.Subcommands.Add(ThumbnailCommand.Create(
            context, cluster, "ID", "Write a PNG of the quarantined original with the found text regions outlined.",
            (bridge, id, ct) => bridge.GetQuarantineThumbnailAsync(id, ct)));
        command.Subcommands.Add(Decide(context, cluster, "release",
            "Vouch for the original's pixels: it is de-identified and stored as an image its readers can read.",
            (bridge, id, ct) => bridge.ReleaseQuarantinedAsync(id, ct)));
        command.Subcommands.Add(Decide(context, cluster, "keep", "Record the decision to keep the original in quarantine.",
            (bridge, id, ct) => bridge.KeepQuarantinedAsync(id, ct)));
        return command;
    }

    private static Command List(CliContext context, ClusterOptions cluster)
    {
        var command = new Command("list", "List the quarantined originals: why, from whom, when, regions found, decision.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            using var connection = BridgeConnection.Open(cluster, parseResult);
            var entries = await connection.Bridge.ListQuarantineAsync(cancellationToken).ConfigureAwait(false);
            if (output.Json)
            {
                output.Document(new QuarantineListResult(entries), CliJsonContext.Default.QuarantineListResult);
                return ExitCodes.Ok;
            }

            if (entries.Count > 0)
            {
                var table = new Table().AddColumns("id", "reason", "source", "received", "regions", "decision");
                foreach (var e in entries)
                {
                    table.AddRow(
                        Markup.Escape(e.Id), Markup.Escape($"{e.ReasonCode}: {e.ReasonDetail}"), Markup.Escape(e.Source), Time(e.Received),
                        e.RegionCount.ToString(CultureInfo.InvariantCulture), Markup.Escape(Decision(e)));
                }

                output.Table(table);
            }

            var open = entries.Count(e => e.Decision == "none");
            output.Note(entries.Count == 0 ? "[green]Nothing in quarantine.[/]" : $"{entries.Count} quarantined, {open} undecided.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Decide(
        CliContext context, ClusterOptions cluster, string name, string description, Func<BridgeClient, string, CancellationToken, Task<QuarantineDecisionResult>> decide)
    {
        var id = new Argument<string>("ID") { Description = "The quarantine id (from list)." };
        var command = new Command(name, description) { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            using var connection = BridgeConnection.Open(cluster, parseResult);
            var result = await decide(connection.Bridge, parseResult.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            if (output.Json)
            {
                output.Document(result, CliJsonContext.Default.QuarantineDecisionResult);
            }
            else
            {
                output.Line($"{result.Decision} {result.Id}{(result.ReleasedSopInstanceUid is { } sop ? " as " + sop : string.Empty)} by {result.DecidedBy} at {Time(result.DecidedAt)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Decision(QuarantineSummary e) => e.Decision switch
    {
        "none" => "-",
        "released" => $"released as {e.ReleasedSopInstanceUid} by {e.DecidedBy}",
        _ => $"{e.Decision} by {e.DecidedBy}",
    };

    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
