using System.Globalization;
using Hydra.Audit;
using Hydra.Client.Auditing;
using Spectre.Console;

namespace Hydra.Cli.Commands.Audit;

/// <summary>The report as text tables: trails, problems, flags, subjects, studies and the records.</summary>
internal static class AuditTableOutput
{
    public static void Write(IAnsiConsole console, AuditReport report)
    {
        console.Write(Trails(report));
        if (report.Problems.Count > 0)
        {
            console.Write(Problems(report));
        }

        if (report.Flags.Count > 0)
        {
            console.Write(Flags(report));
        }

        console.Write(Subjects(report));
        if (report.Studies.Count > 0)
        {
            console.Write(Studies(report));
        }

        console.Write(Records(report));
    }

    private static Table Trails(AuditReport report)
    {
        var table = new Table().Title("trails").AddColumns("node", "verdict", "records", "witnessed up to", "summary");
        foreach (var node in report.Nodes)
        {
            table.AddRow(
                Markup.Escape(node.NodeId),
                node.State switch
                {
                    NodeAuditState.Verified => "[green]verified[/]",
                    NodeAuditState.Failed => "[red]FAILED[/]",
                    _ => "[yellow]unreadable[/]",
                },
                node.State == NodeAuditState.Unreadable ? "-" : $"{node.FirstSequence}-{node.LastSequence}",
                node.NewestWitnessedCheckpoint == 0 ? "-" : node.NewestWitnessedCheckpoint.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(node.Summary));
        }

        return table;
    }

    private static Table Problems(AuditReport report)
    {
        var table = new Table().Title("[red]integrity problems[/]").AddColumns("node", "record", "kind", "what was found");
        foreach (var p in report.Problems)
        {
            table.AddRow(Markup.Escape(p.NodeId), p.Sequence.ToString(CultureInfo.InvariantCulture), $"[red]{p.Kind}[/]", Markup.Escape(p.Description));
        }

        return table;
    }

    private static Table Flags(AuditReport report)
    {
        var table = new Table().Title("flagged events").AddColumns("flag", "kind", "from (UTC)", "subject", "key or study", "nodes", "detail");
        foreach (var f in report.Flags)
        {
            var colour = f.Kind switch
            {
                AuditFlagKind.UnusualVolume => "red",
                AuditFlagKind.Refusal => "yellow",
                AuditFlagKind.Reconstruction => "blue",
                AuditFlagKind.AclChange => "darkorange",
                _ => "purple",
            };
            table.AddRow(f.Id, $"[{colour}]{f.Kind}[/]", Time(f.Start), SubjectText(f.Subject, f.Principals),
                Markup.Escape(f.KeyId.Length > 0 ? f.KeyId : f.Study), Markup.Escape(string.Join(", ", f.Nodes)), Markup.Escape(f.Detail));
        }

        return table;
    }

    private static Table Subjects(AuditReport report)
    {
        var table = new Table().Title("subjects").AddColumns("subject", "records", "released", "keys rebuilt", "refusals", "via delegate", "as delegate", "flags");
        foreach (var s in report.Subjects)
        {
            table.AddRow(SummaryText(s), N(s.Records), N(s.Releases), N(s.KeysRebuilt),
                s.Refusals > 0 ? $"[yellow]{s.Refusals}[/]" : "0", N(s.ViaDelegate), N(s.AsDelegate), N(s.Flags));
        }

        return table;
    }

    private static Table Studies(AuditReport report)
    {
        var table = new Table().Title("studies").AddColumns("study", "keys", "keys rebuilt", "rebuilt by", "released", "refusals");
        foreach (var s in report.Studies)
        {
            table.AddRow(Markup.Escape(s.Study.Length > 0 ? s.Study : "(keys without a study)"), N(s.Keys), N(s.KeysRebuilt),
                Markup.Escape(string.Join("; ", s.Subjects)), N(s.Releases), N(s.Refusals));
        }

        return table;
    }

    private static Table Records(AuditReport report)
    {
        var table = new Table().Title($"records ({report.Records.Count} of {report.MatchingRecords})")
            .AddColumns("time (UTC)", "node", "#", "subject", "delegate", "operation", "key", "outcome", "reason", "flags");
        foreach (var r in report.Records)
        {
            table.AddRow(
                Time(r.Time),
                Markup.Escape(r.Node),
                r.Sequence.ToString(CultureInfo.InvariantCulture),
                CallerText(r),
                Markup.Escape(r.Delegate),
                Markup.Escape(r.Operation),
                Markup.Escape(r.KeyId),
                r.Outcome == AuditEntry.Allowed ? "[green]allowed[/]" : $"[red]{Markup.Escape(r.Outcome)}[/]",
                Markup.Escape(r.Reason),
                string.Join(' ', r.Flags));
        }

        return table;
    }

    /// <summary>A linked person in bold, each principal on a line beneath with what it did.</summary>
    private static string SummaryText(SubjectSummary s) => !s.Linked
        ? Markup.Escape(s.Subject)
        : $"[bold]{Markup.Escape(s.Subject)}[/]" + string.Concat(s.Principals.Select(p =>
            $"\n  {Markup.Escape(p.Principal)} [dim]({N(p.Records)} records, {N(p.Releases)} released, {N(p.Refusals)} refused)[/]"));

    /// <summary>A flag's subject, with a person's principals beneath it.</summary>
    private static string SubjectText(string subject, IReadOnlyList<string> principals) =>
        principals.Count == 0 || (principals.Count == 1 && principals[0] == subject)
            ? Markup.Escape(subject)
            : $"[bold]{Markup.Escape(subject)}[/]" + string.Concat(principals.Select(p => "\n  " + Markup.Escape(p)));

    /// <summary>The record's subject under its person (when linked), and a token holder's token id and groups.</summary>
    private static string CallerText(AuditTimelineRecord r)
    {
        var text = (r.Person.Length > 0 ? $"[bold]{Markup.Escape(r.Person)}[/]\n  " : string.Empty) + Markup.Escape(r.Subject);
        return r.TokenId.Length == 0 && r.TokenIssuer.Length == 0 ? text
            : text + $"\n  [dim]token {Markup.Escape(r.TokenId.Length > 0 ? r.TokenId : "(no id)")}; groups: "
              + $"{Markup.Escape(r.Fqans.Count > 0 ? string.Join(", ", r.Fqans) : "none")}[/]";
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
