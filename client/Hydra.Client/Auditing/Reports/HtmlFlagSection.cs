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

        html.OpenTable("flag-table", "flag", "kind", "from (UTC)", "to (UTC)", "subject", "delegate", "key or study", "nodes", "count", "detail");
        foreach (var flag in report.Flags.OrderBy(f => Rank(f.Kind)).ThenBy(f => f.Start))
        {
            html.Open("tr", ("id", "flag-" + flag.Id), ("class", "flag flag-" + CssName(flag.Kind)), ("data-kind", flag.Kind.ToString()),
                ("data-subject", flag.Subject), ("data-key", flag.KeyId));
            html.Cell(flag.Id, "id");
            html.Cell(Label(flag.Kind), "kind", Rank(flag.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture));
            html.Cell(flag.Start);
            html.Cell(flag.End);
            html.Cell(flag.Subject, "dn");
            html.Cell(flag.Delegate, "dn");
            html.Cell(flag.KeyId.Length > 0 ? flag.KeyId : flag.Study, "key");
            html.Cell(string.Join(", ", flag.Nodes));
            html.Cell(flag.Count);
            html.Cell(flag.Detail);
            html.Close("tr");
        }

        html.CloseTable();
        html.Raw("</section>");
    }

    /// <summary>Display order: what most needs an officer's eyes first.</summary>
    internal static int Rank(AuditFlagKind kind) => kind switch
    {
        AuditFlagKind.UnusualVolume => 0,
        AuditFlagKind.Reconstruction => 1,
        AuditFlagKind.Refusal => 2,
        _ => 3,
    };

    internal static string Label(AuditFlagKind kind) => kind switch
    {
        AuditFlagKind.Reconstruction => "Reconstruction",
        AuditFlagKind.DelegatedAccess => "Delegated access",
        AuditFlagKind.Refusal => "Refusal",
        _ => "Unusual volume",
    };

    internal static string CssName(AuditFlagKind kind) => kind switch
    {
        AuditFlagKind.Reconstruction => "reconstruction",
        AuditFlagKind.DelegatedAccess => "delegated",
        AuditFlagKind.Refusal => "refusal",
        _ => "volume",
    };
}
