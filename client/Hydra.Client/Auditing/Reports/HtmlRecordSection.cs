using Hydra.Audit;
namespace Hydra.Client.Auditing.Reports;

/// <summary>
/// The merged timeline, one row per record; rows in flags are highlighted and link to their flags. A token holder's
/// subject cell shows the token's issuer, subject, groups and id; a certificate holder's issuer, FQANs and peers are in
/// the JSON and CSV forms, to keep the rows readable.
/// </summary>
internal static class HtmlRecordSection
{
    public static void Write(HtmlWriter html, AuditReport report)
    {
        html.Raw("<section id=\"records\"><h2>Records</h2>");
        var kinds = report.Flags.ToDictionary(f => f.Id, f => f.Kind, StringComparer.Ordinal);
        html.OpenTable("record-table", "time (UTC)", "node", "#", "subject", "delegate", "operation", "key", "outcome", "reason", "flags");
        foreach (var r in report.Records)
        {
            html.Open("tr", ("class", RowClass(r, kinds)), ("data-node", r.Node), ("data-flags", r.Flags.Count > 0 ? string.Join(' ', r.Flags) : null));
            html.Cell(r.Time);
            html.Cell(r.Node);
            html.Cell(r.Sequence);
            HtmlIdentityCells.Caller(html, r);
            html.DnCell(r.Delegate);
            html.Cell(r.Operation);
            html.KeyCell(r.KeyId);
            html.Cell(r.Outcome, "outcome-" + (r.Outcome is AuditEntry.Allowed or AuditEntry.Denied ? r.Outcome : "other"));
            html.Cell(r.Reason, "reason");
            html.Open("td", ("class", "flags"));
            foreach (var id in r.Flags)
            {
                html.Open("a", ("href", "#flag-" + id));
                html.Text(id);
                html.Close("a");
                html.Raw(" ");
            }

            html.Close("td");
            html.Close("tr");
        }

        html.CloseTable();
        html.Raw("</section>");
    }

    /// <summary>The row takes the colour of its most alarming flag.</summary>
    private static string? RowClass(AuditTimelineRecord record, Dictionary<string, AuditFlagKind> kinds)
    {
        var flagged = record.Flags.Where(kinds.ContainsKey).Select(id => kinds[id]).ToList();
        return flagged.Count == 0 ? null : "flagged flag-" + HtmlFlagSection.CssName(flagged.MinBy(HtmlFlagSection.Rank));
    }
}
