namespace Hydra.Client.Auditing.Reports;

/// <summary>The per-subject and per-study tables.</summary>
internal static class HtmlSummarySections
{
    public static void WriteSubjects(HtmlWriter html, AuditReport report)
    {
        html.Raw("<section id=\"subjects\"><h2>Subjects</h2>");
        html.OpenTable("subject-table", "subject", "records", "shares released", "keys rebuilt", "keys touched", "refusals",
            "via delegate", "as delegate", "unusual hours", "flags", "first (UTC)", "last (UTC)");
        foreach (var s in report.Subjects)
        {
            var css = s.UnusualHours > 0 ? "alert" : s.Refusals > 0 ? "warn" : null;
            html.Open("tr", ("class", css), ("data-subject", s.Subject));
            HtmlIdentityCells.Subject(html, s);
            html.Cell(s.Records);
            html.Cell(s.Releases);
            html.Cell(s.KeysRebuilt);
            html.Cell(s.KeysTouched);
            html.Cell(s.Refusals);
            html.Cell(s.ViaDelegate);
            html.Cell(s.AsDelegate);
            html.Cell(s.UnusualHours);
            html.Cell(s.Flags);
            html.Cell(s.First);
            html.Cell(s.Last);
            html.Close("tr");
        }

        html.CloseTable();
        html.Raw("</section>");
    }

    public static void WriteStudies(HtmlWriter html, AuditReport report)
    {
        html.Raw("<section id=\"studies\"><h2>Studies</h2>");
        if (report.Studies.Count == 0)
        {
            html.Element("p", "No selected record names a key.", "empty");
            html.Raw("</section>");
            return;
        }

        html.OpenTable("study-table", "study", "keys", "keys rebuilt", "reconstructions", "rebuilt by", "shares released", "refusals",
            "first (UTC)", "last (UTC)");
        foreach (var s in report.Studies)
        {
            html.Open("tr", ("class", s.Refusals > 0 ? "warn" : null), ("data-study", s.Study));
            html.KeyCell(s.Study.Length > 0 ? s.Study : "(keys without a study)");
            html.Cell(s.Keys);
            html.Cell(s.KeysRebuilt);
            html.Cell(s.Reconstructions);
            html.Cell(string.Join("; ", s.Subjects), "dn");
            html.Cell(s.Releases);
            html.Cell(s.Refusals);
            html.Cell(s.First);
            html.Cell(s.Last);
            html.Close("tr");
        }

        html.CloseTable();
        html.Raw("</section>");
    }
}
