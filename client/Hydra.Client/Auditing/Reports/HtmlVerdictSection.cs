using System.Globalization;
using Hydra.Audit;

namespace Hydra.Client.Auditing.Reports;

/// <summary>The top of the report: the overall verdict, what was asked, and one green, red or grey card per node.</summary>
internal static class HtmlVerdictSection
{
    public static void Write(HtmlWriter html, AuditReport report)
    {
        html.Open("header", ("class", "banner " + VerdictClass(report.Verdict)), ("data-verdict", report.Verdict.ToString()));
        html.Element("h1", "Hydra audit report");
        html.Element("p", Headline(report), "headline");
        html.Raw("<dl class=\"meta\">");
        Term(html, "Generated", HtmlWriter.Format(report.Generated) + " UTC");
        Term(html, "Auditor", report.Auditor ?? "unknown");
        Term(html, "Cluster", $"{report.Nodes.Count} node{(report.Nodes.Count == 1 ? string.Empty : "s")} read, M = {report.Threshold}");
        Term(html, "Selection", Describe(report.Selection));
        Term(html, "Records", report.Records.Count == report.MatchingRecords
            ? $"{report.MatchingRecords} matching"
            : $"{report.MatchingRecords} matching, the newest {report.Records.Count} listed");
        html.Raw("</dl></header>");

        html.Raw("<section id=\"nodes\"><h2>Trails</h2><div class=\"cards\">");
        foreach (var node in report.Nodes)
        {
            WriteCard(html, node);
        }

        html.Raw("</div>");
        WriteProblems(html, report.Problems);
        html.Raw("</section>");
    }

    private static void WriteCard(HtmlWriter html, NodeAuditVerdict node)
    {
        var css = node.State switch
        {
            NodeAuditState.Verified => "card ok",
            NodeAuditState.Failed => "card bad",
            _ => "card unknown",
        };
        html.Open("article", ("class", css), ("data-node", node.NodeId), ("data-verdict", node.State.ToString().ToLowerInvariant()));
        html.Open("h3");
        html.Text(node.NodeId);
        html.Element("span", node.State.ToString(), "badge");
        html.Close("h3");
        html.Element("p", node.Summary, "summary");
        if (node.State != NodeAuditState.Unreadable)
        {
            html.Raw("<dl>");
            Term(html, "Records", $"{node.FirstSequence.ToString(CultureInfo.InvariantCulture)}-{node.LastSequence.ToString(CultureInfo.InvariantCulture)}");
            Term(html, "Head", Short(node.HeadHash));
            Term(html, "Announced", $"{node.AnnouncedLength.ToString(CultureInfo.InvariantCulture)} / {Short(node.AnnouncedHead)}");
            Term(html, "Checkpoints", node.NewestWitnessedCheckpoint == 0
                ? $"{node.ValidCheckpoints} valid, none witnessed"
                : $"{node.ValidCheckpoints} valid, newest witnessed {node.NewestWitnessedCheckpoint} by {string.Join(", ", node.Witnesses)}");
            html.Raw("</dl>");
        }

        if (node.Notes.Count > 0)
        {
            html.Raw("<ul class=\"notes\">");
            foreach (var note in node.Notes)
            {
                html.Element("li", note);
            }

            html.Raw("</ul>");
        }

        html.Close("article");
    }

    private static void WriteProblems(HtmlWriter html, IReadOnlyList<AuditProblem> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        html.Element("h3", $"Integrity problems ({problems.Count})");
        html.OpenTable("problems", "node", "record", "kind", "what was found");
        foreach (var problem in problems)
        {
            html.Open("tr", ("class", "problem"), ("data-node", problem.NodeId), ("data-kind", problem.Kind.ToString()));
            html.Cell(problem.NodeId);
            html.Cell(problem.Sequence);
            html.Cell(problem.Kind.ToString(), "kind");
            html.Cell(problem.Description);
            html.Close("tr");
        }

        html.CloseTable();
    }

    private static string Headline(AuditReport report)
    {
        var failed = report.Nodes.Where(n => n.State == NodeAuditState.Failed).Select(n => n.NodeId).ToList();
        var unread = report.Nodes.Where(n => n.State == NodeAuditState.Unreadable).Select(n => n.NodeId).ToList();
        return report.Verdict switch
        {
            AuditVerdict.Verified => $"All {report.Nodes.Count} trails verified: no gap, edit or disagreement.",
            AuditVerdict.IntegrityFailure => $"Integrity failure: {report.Problems.Count} problem{(report.Problems.Count == 1 ? string.Empty : "s")} "
                + $"on {string.Join(", ", failed)}." + (unread.Count > 0 ? $" Not read: {string.Join(", ", unread)}." : string.Empty),
            _ => $"Incomplete: the trails read verified, but {string.Join(", ", unread)} could not be read.",
        };
    }

    private static string Describe(AuditSelection selection)
    {
        var parts = new List<string>();
        if (selection.From is { } from)
        {
            parts.Add("from " + HtmlWriter.Format(from));
        }

        if (selection.To is { } to)
        {
            parts.Add("before " + HtmlWriter.Format(to));
        }

        if (!string.IsNullOrEmpty(selection.KeyId))
        {
            parts.Add("key " + selection.KeyId);
        }

        if (!string.IsNullOrEmpty(selection.Subject))
        {
            parts.Add("subject " + selection.Subject);
        }

        if (!string.IsNullOrEmpty(selection.Outcome))
        {
            parts.Add("outcome " + selection.Outcome);
        }

        return parts.Count == 0 ? "every record" : string.Join(", ", parts);
    }

    private static void Term(HtmlWriter html, string term, string definition)
    {
        html.Element("dt", term);
        html.Element("dd", definition);
    }

    private static string Short(string? hash) => string.IsNullOrEmpty(hash) ? "-" : hash[..Math.Min(16, hash.Length)] + "...";

    private static string VerdictClass(AuditVerdict verdict) => verdict switch
    {
        AuditVerdict.Verified => "ok",
        AuditVerdict.IntegrityFailure => "bad",
        _ => "unknown",
    };
}
