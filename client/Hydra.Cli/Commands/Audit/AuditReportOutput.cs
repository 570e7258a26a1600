using System.Text;
using Hydra.Cli.Output;
using Hydra.Client.Auditing;
using Hydra.Client.Auditing.Reports;
using Hydra.Storage.Files;
using Spectre.Console;

namespace Hydra.Cli.Commands.Audit;

/// <summary>Writes the report in the chosen format to stdout or a file, and the verdict per node to stderr.</summary>
internal static class AuditReportOutput
{
    /// <summary>Table width when the output is not a terminal (files, pipes): wide enough for DNs and key ids.</summary>
    private const int FileWidth = 200;

    public static async Task WriteAsync(
        CliContext context, CommandOutput output, AuditReport report, string format, FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            if (format == AuditOptions.Json)
            {
                output.Document(report, AuditReportJson.TypeInfo);
            }
            else
            {
                Render(report, format, context.Console.Out, context.Console.IsInteractive ? null : FileWidth);
            }
        }
        else
        {
            await WriteFileAsync(file.FullName, report, format, cancellationToken).ConfigureAwait(false);
            output.Note($"Report written to [bold]{Markup.Escape(file.FullName)}[/].");
        }

        NoteVerdicts(output, report);
    }

    private static async Task WriteFileAsync(string path, AuditReport report, string format, CancellationToken cancellationToken)
    {
        // Reports name people; the officer decides whom to share them with.
        var stream = OwnerOnly.Open(path, FileMode.Create, FileAccess.Write);
        await using (stream.ConfigureAwait(false))
        {
            if (format == AuditOptions.Json)
            {
                AuditReportJson.Write(report, stream);
                return;
            }

            var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await using (writer.ConfigureAwait(false))
            {
                Render(report, format, writer, FileWidth);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Render(AuditReport report, string format, TextWriter writer, int? width)
    {
        switch (format)
        {
            case AuditOptions.Csv:
                AuditReportCsv.Write(report, writer);
                break;
            case AuditOptions.Html:
                AuditReportHtml.Write(report, writer);
                break;
            default:
                // Files and pipes get plain text at a fixed width; a terminal gets colours at its own width.
                var plain = width is not null;
                var console = AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Out = new AnsiConsoleOutput(writer),
                    Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
                    ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                });
                if (width is { } fixedWidth)
                {
                    console.Profile.Width = fixedWidth;
                }

                AuditTableOutput.Write(console, report);
                break;
        }
    }

    private static void NoteVerdicts(CommandOutput output, AuditReport report)
    {
        foreach (var node in report.Nodes)
        {
            var colour = node.State switch
            {
                NodeAuditState.Verified => "green",
                NodeAuditState.Failed => "red",
                _ => "yellow",
            };
            output.Note($"[{colour}]{Markup.Escape(node.NodeId)}: {node.State}[/]: {Markup.Escape(node.Summary)}");
        }

        output.Note(report.Verdict switch
        {
            AuditVerdict.Verified => $"[green]Every trail verified.[/] {report.MatchingRecords} records selected, {report.Flags.Count} flags.",
            AuditVerdict.IntegrityFailure => $"[red]Integrity failure: {report.Problems.Count} problem{(report.Problems.Count == 1 ? string.Empty : "s")}.[/] "
                + $"{report.MatchingRecords} records selected, {report.Flags.Count} flags.",
            _ => $"[yellow]Incomplete: some trails could not be read.[/] {report.MatchingRecords} records selected, {report.Flags.Count} flags.",
        });
    }
}
