namespace Hydra.Client.Auditing.Reports;

/// <summary>Flagged events: counts per kind, then one highlighted row per flag, most alarming kinds first.</summary>
internal static class HtmlFlagSection
{
    public static void Write(HtmlWriter html, AuditReport report)
    {
        html.Raw("<section id=\"flags\"><h2>Flagged events</h2><ul class=\"legend\">");
        foreach (var kind in Enum.GetValues<AuditFlagKind>())
        {
            html.Open("li", ("class", "flag-" + CssName(kind)));
            html.Text($"{Label(kind)}: {report.Flags.Count(f => f.Kind == kind)}");
            html.Close("li");
        }

        html.Raw("</ul>");
        if (report.Flags.Count == 0)
        {
            html.Element("p", "Nothing flagged in the selected records.", "empty");
            html.Raw("</section>");
            return;
        }

        html.OpenTable("flag-table", "flag", "kind", "when (UTC)", "subject", "delegate", "key or study", "nodes", "count", "detail");
        foreach (var flag in report.Flags.OrderBy(f => Rank(f.Kind)).ThenBy(f => f.Start))
        {
            html.Open("tr", ("id", "flag-" + flag.Id), ("class", "flag flag-" + CssName(flag.Kind)), ("data-kind", flag.Kind.ToString()),
                ("data-subject", flag.Subject), ("data-key", flag.KeyId));
            html.Cell(flag.Id, "id");
            html.Cell(Label(flag.Kind), "kind", Rank(flag.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture));
            WhenCell(html, flag);
            HtmlIdentityCells.Subject(html, flag.Subject, flag.Principals);
            html.DnCell(flag.Delegate);
            html.KeyCell(flag.KeyId.Length > 0 ? flag.KeyId : flag.Study);
            html.Cell(string.Join(", ", flag.Nodes));
            html.Cell(flag.Count);
            html.Cell(flag.Detail, "detail");
            html.Close("tr");
        }

        html.CloseTable();
        html.Raw("</section>");
    }

    /// <summary>The start, and the end under it when it is another second.</summary>
    private static void WhenCell(HtmlWriter html, AuditFlag flag)
    {
        html.Open("td", ("class", "time"), ("data-sort", flag.Start.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        html.Text(HtmlWriter.Format(flag.Start));
        var end = HtmlWriter.Format(flag.End);
        if (end != HtmlWriter.Format(flag.Start))
        {
            html.Raw("<br><small>until ");
            html.Text(end[..10] == HtmlWriter.Format(flag.Start)[..10] ? end[11..] : end);
            html.Raw("</small>");
        }

        html.Close("td");
    }

    /// <summary>Display order: what most needs an officer's eyes first.</summary>
    internal static int Rank(AuditFlagKind kind) => kind switch
    {
        AuditFlagKind.UnusualVolume => 0,
        AuditFlagKind.Reconstruction => 1,
        AuditFlagKind.Refusal => 2,
        AuditFlagKind.AclChange => 3,
        _ => 4,
    };

    internal static string Label(AuditFlagKind kind) => kind switch
    {
        AuditFlagKind.Reconstruction => "Reconstruction",
        AuditFlagKind.DelegatedAccess => "Delegated access",
        AuditFlagKind.Refusal => "Refusal",
        AuditFlagKind.AclChange => "ACL change",
        _ => "Unusual volume",
    };

    internal static string CssName(AuditFlagKind kind) => kind switch
    {
        AuditFlagKind.Reconstruction => "reconstruction",
        AuditFlagKind.DelegatedAccess => "delegated",
        AuditFlagKind.Refusal => "refusal",
        AuditFlagKind.AclChange => "acl",
        _ => "volume",
    };
}
