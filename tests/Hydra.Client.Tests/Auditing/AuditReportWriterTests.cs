using System.Text.Json;
using Hydra.Audit;
using Hydra.Client.Auditing;
using Hydra.Client.Auditing.Reports;

namespace Hydra.Client.Tests.Auditing;

/// <summary>The report's JSON, CSV and HTML forms, fed with hostile record text (claimed DNs and key ids come from callers).</summary>
public sealed class AuditReportWriterTests
{
    private const string Hostile = "/CN=<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

    private static AuditReport Report()
    {
        var node1 = new SyntheticTrail("node1");
        var node2 = new SyntheticTrail("node2");
        node1.Release(TimeSpan.FromSeconds(1), "/CN=Alice", "2.25.1:2.25.2");
        node2.Release(TimeSpan.FromSeconds(2), "/CN=Alice", "2.25.1:2.25.2");
        node1.Refuse(TimeSpan.FromSeconds(3), Hostile, "=HYPERLINK(\"http://evil\")", "reason, with \"quotes\"\nand a line");
        var records = node1.Entries.Concat(node2.Entries).ToList();
        var flags = AuditAnalyzer.Analyze(records, 2, new AuditAnalysisOptions());
        var flagsOf = flags.SelectMany(f => f.Records.Select(r => (r, f.Id))).ToLookup(x => x.r, x => x.Id);
        var verdict = new NodeAuditVerdict("node1", "127.0.0.1:1", NodeAuditState.Failed, "1 problem", 1, 2, 2, null, 2, null, 0, 0, [],
            [new AuditProblem("node1", 2, AuditProblemKind.Rewritten, "record 2 <differs>")], [], null);
        return new AuditReport(SyntheticTrail.Start, "/CN=officer", 2, new AuditSelection(), new AuditAnalysisOptions(), AuditVerdict.IntegrityFailure,
            [verdict], verdict.Problems, flags, AuditSummaries.BySubject(records, flags, IdentityLinks.None), AuditSummaries.ByStudy(records, flags), records.Count,
            [.. records.OrderBy(r => r.Time).Select(r => AuditTimelineRecord.Of(r, [.. flagsOf[AuditRecordRef.Of(r)]], IdentityLinks.None))]);
    }

    [Fact]
    public void Html_EscapesEveryRecordValue_AndLoadsNothingFromOutside()
    {
        using var writer = new StringWriter();

        AuditReportHtml.Write(Report(), writer);
        var html = writer.ToString();

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("record 2 &lt;differs&gt;", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:|//)", html);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html, "<script>"));
        Assert.Contains("<header class=\"banner bad\" data-verdict=\"IntegrityFailure\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"flag flag-reconstruction\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"timeline\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_QuotesAndDefusesFormulas()
    {
        using var writer = new StringWriter();

        AuditReportCsv.Write(Report(), writer);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.EndsWith(",R1,", lines[1], StringComparison.Ordinal);   // flags, then the person (none linked)
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",", lines[3], StringComparison.Ordinal);
        Assert.Contains(",\"reason, with \"\"quotes\"\"\nand a line\",", lines[3], StringComparison.Ordinal);
        Assert.Equal("'-1", AuditReportCsv.Field("-1"));
        Assert.Equal("'@SUM(A1)", AuditReportCsv.Field("@SUM(A1)"));
        Assert.Equal("/CN=plain", AuditReportCsv.Field("/CN=plain"));
    }

    [Fact]
    public void Json_IsTheWholeReport_WithNamesForEnums()
    {
        var report = Report();

        var json = JsonDocument.Parse(AuditReportJson.Serialize(report)).RootElement;

        Assert.Equal("IntegrityFailure", json.GetProperty("verdict").GetString());
        Assert.Equal("Rewritten", json.GetProperty("problems")[0].GetProperty("kind").GetString());
        Assert.Equal("Failed", json.GetProperty("nodes")[0].GetProperty("state").GetString());
        Assert.Equal(report.Records.Count, json.GetProperty("records").GetArrayLength());
        Assert.Equal("Reconstruction", json.GetProperty("flags")[0].GetProperty("kind").GetString());
        Assert.Equal("node1", json.GetProperty("flags")[0].GetProperty("records")[0].GetProperty("nodeId").GetString());
        Assert.Equal(Hostile, json.GetProperty("records")[2].GetProperty("subject").GetString());
        Assert.Equal("00:10:00", json.GetProperty("analysis").GetProperty("reconstructionWindow").GetString());
    }
}
