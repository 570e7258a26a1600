namespace Hydra.Client.Auditing.Reports;

/// <summary>
/// The report as one self-contained HTML page for officers: the verdict per node at the top (green, red or grey), the
/// integrity problems, flagged events highlighted, a timeline chart in inline SVG, per-subject and per-study summaries
/// and the records, in tables that sort on a click. Style and script are inline and a Content-Security-Policy forbids
/// loading anything, so the page opens offline and can be mailed or archived as is. Every record value is escaped.
/// </summary>
public static class AuditReportHtml
{
    private static readonly Lazy<string> Style = new(() => Resource("report.css"));
    private static readonly Lazy<string> Script = new(() => Resource("report.js"));

    public static void Write(AuditReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var html = new HtmlWriter(output);
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
        html.Text($"Hydra audit report {HtmlWriter.Format(report.Generated)} UTC: {report.Verdict}");
        html.Raw("</title><style>\n" + Style.Value + "</style></head><body>\n");
        HtmlVerdictSection.Write(html, report);
        HtmlFlagSection.Write(html, report);
        HtmlTimelineChart.Write(html, report);
        HtmlSummarySections.WriteSubjects(html, report);
        HtmlSummarySections.WriteStudies(html, report);
        HtmlRecordSection.Write(html, report);
        WriteFooter(html, report);
        html.Raw("<script>\n" + Script.Value + "</script></body></html>\n");
    }

    private static void WriteFooter(HtmlWriter html, AuditReport report)
    {
        var analysis = report.Analysis;
        html.Raw("<footer>");
        html.Element("p",
            $"Reconstruction: {report.Threshold} or more nodes releasing shares of one key to one subject within "
            + $"{analysis.ReconstructionWindow.TotalMinutes:0.#} minutes. Unusual volume: more than {analysis.HourlyKeyLimit} distinct keys released "
            + $"to one subject in a UTC clock hour, or at least {analysis.MinimumUnusualKeys} and more than {analysis.UsualRateMultiple:0.#} times the "
            + $"median of its other active hours (once it has {analysis.MinimumHistoryHours}).");
        html.Element("p",
            "Verification reads each node's whole trail (or the trail from a checkpoint a peer witnessed), checks every hash link, "
            + "the head the node announced, and every checkpoint signature, signer and hash held by the node and its peers.");
        html.Element("p", "Audit records hold identities, key ids and pseudonymous UIDs only; this report adds nothing else.");
        html.Raw("</footer>");
    }

    private static string Resource(string name)
    {
        var assembly = typeof(AuditReportHtml).Assembly;
        using var stream = assembly.GetManifestResourceStream("Hydra.Client.Auditing.Reports." + name)
            ?? throw new InvalidOperationException($"The report resource '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
