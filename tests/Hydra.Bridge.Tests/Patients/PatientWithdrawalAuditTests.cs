using System.Net;
using System.Text;
using System.Text.Json;
using Hydra.Audit;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Client.Auditing;
using Hydra.Client.Auditing.Reports;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.Patients;

/// <summary>
/// Issue 21 end to end, through a real bridge and three real nodes: a patient withdraws research access to a study,
/// the research group's reader is refused by every node, and the security officer's report (built as <c>hydra audit</c>
/// builds it) shows the withdrawal as the patient's, made through the bridge, on that study, with what changed.
/// </summary>
public sealed class PatientWithdrawalAuditTests : IClassFixture<PatientFixture>
{
    private readonly PatientFixture _fixture;

    public PatientWithdrawalAuditTests(PatientFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task PatientWithdrawal_RefusedByEveryNode_AndTheOfficersReportShowsItAsThePatientsThroughTheBridge()
    {
        // Arrange: the researcher's VO reads the study before.
        using var scratch = new TempDirectory("hydra-withdraw");
        var entries = await _fixture.StoreStudyAsync(scratch, SampleStudy.Marker + "-OFFICER", 2);
        var study = entries[0].StudyInstanceUid;
        var session = _fixture.Records.SignIn(SampleStudy.Marker + "-OFFICER");
        var patient = "patient:" + session.Patient;
        var bridgeDn = _fixture.Pki.Host("bridge").SubjectDn;
        var researcher = _fixture.Cluster.Connect(GridReader.ProxyOf(_fixture.Pki, DevUser.Researcher));
        using (await researcher.GetKeyAsync(KeyId.Parse(entries[0].KeyId), CancellationToken.None).DefaultTimeout())
        {
        }

        // Act: the patient withdraws; then the officer investigates as the CLI does and writes every report form.
        var result = await _fixture.Records.WithdrawResearchAsync(session, study, CancellationToken.None).DefaultTimeout();
        var officer = _fixture.Cluster.ConnectAs(DevUser.Officer);
        var report = await new AuditInvestigation(officer, GridTrustStore.Load(_fixture.Pki.TrustDirectory))
            .RunAsync(new AuditInvestigationOptions(), CancellationToken.None).DefaultTimeout();
        var html = Write(AuditReportHtml.Write, report);
        var csv = Write(AuditReportCsv.Write, report);
        using var json = JsonDocument.Parse(AuditReportJson.Serialize(report));

        // Assert: every node refuses the researcher now.
        Assert.True(result!.Complete);
        foreach (var entry in entries)
        {
            var refused = await Assert.ThrowsAsync<ClusterException>(
                () => researcher.GetKeyAsync(KeyId.Parse(entry.KeyId), CancellationToken.None).DefaultTimeout());
            Assert.True(refused.IsAccessDenied, refused.Message);
        }

        // The trails verify, and each node recorded each key's change as the patient's, the bridge as delegate.
        Assert.Equal(AuditVerdict.Verified, report.Verdict);
        var change = "+!" + PatientFixture.Research + "=g";
        var keys = entries.Select(e => e.KeyId).ToHashSet(StringComparer.Ordinal);
        // Nodes know keys, not studies: the report's study is the key id's part before ':' ("ingest" for every bridge
        // key), and the study's keys are the ones the bridge's catalog lists for it.
        var records = report.Records.Where(r => r.Operation == AuditOperations.SetAcl && r.Subject == patient).ToList();
        Assert.Equal(entries.Count * _fixture.Cluster.NodeCount, records.Count);
        Assert.Equal(keys.Order(StringComparer.Ordinal), records.Select(r => r.KeyId).Distinct().Order(StringComparer.Ordinal));
        var studyPart = AuditStudy.Of(entries[0].KeyId);
        Assert.All(records, r => Assert.Equal(
            (AuditEntry.Allowed, bridgeDn, studyPart, change),
            (r.Outcome, r.Delegate, r.Study, r.Reason)));

        // One flag says it at a glance, naming the keys, and every record links to it.
        var flag = Assert.Single(report.Flags, f => f.Kind == AuditFlagKind.AclChange && f.Subject == patient);
        Assert.Equal((bridgeDn, studyPart, 2), (flag.Delegate, flag.Study, flag.Count));
        Assert.Equal(["node1", "node2", "node3"], flag.Nodes);
        Assert.StartsWith($"ACL changes: 2 keys of study {studyPart} (", flag.Detail, StringComparison.Ordinal);
        Assert.EndsWith($") restricted by {patient} via {bridgeDn} on node1, node2, node3: {change}", flag.Detail, StringComparison.Ordinal);
        Assert.All(keys, key => Assert.Contains(key, flag.Detail, StringComparison.Ordinal));
        Assert.All(records, r => Assert.Contains(flag.Id, r.Flags));
        Assert.StartsWith("A", flag.Id, StringComparison.Ordinal);

        // Every form carries it: the HTML escaped, the CSV and JSON with the reason beside patient and bridge.
        Assert.Contains($"id=\"flag-{flag.Id}\" class=\"flag flag-acl\"", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(flag.Detail), html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(change), html, StringComparison.Ordinal);
        Assert.Contains($",{patient},", csv, StringComparison.Ordinal);
        Assert.Contains($",SetAcl,{entries[0].KeyId},{studyPart},allowed,'{change},", csv, StringComparison.Ordinal);
        Assert.Contains(json.RootElement.GetProperty("flags").EnumerateArray(), f =>
            f.GetProperty("kind").GetString() == "AclChange" && f.GetProperty("detail").GetString() == flag.Detail);
        Assert.Equal(
            records.Count,
            json.RootElement.GetProperty("records").EnumerateArray().Count(r =>
                r.GetProperty("operation").GetString() == AuditOperations.SetAcl && r.GetProperty("reason").GetString() == change));
    }

    private static string Write(Action<AuditReport, TextWriter> writer, AuditReport report)
    {
        var text = new StringBuilder();
        using (var output = new StringWriter(text, System.Globalization.CultureInfo.InvariantCulture))
        {
            writer(report, output);
        }

        return text.ToString();
    }
}
