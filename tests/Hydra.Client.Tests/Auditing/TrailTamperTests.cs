using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Client.Auditing;
using Hydra.Testing;

namespace Hydra.Client.Tests.Auditing;

/// <summary>
/// Records edited, deleted or reordered on a stopped node's disk, without recomputing hashes: the chain names the
/// node, record and kind. Each test tampers with its own node of the shared cluster.
/// </summary>
public sealed class TrailTamperTests : IClassFixture<AuditClusterFixture>
{
    private readonly AuditClusterFixture _fixture;

    public TrailTamperTests(AuditClusterFixture fixture) => _fixture = fixture;

    private async Task<AuditReport> TamperAndInvestigateAsync(int node, Action<NodeTrailFile> tamper)
    {
        // One record per key on each node: enough records for every tampering below, whichever test runs first.
        await AuditKeys.RegisterStudyAsync(_fixture.ConnectAs(DevUser.Clinician), 5).DefaultTimeout();
        await _fixture.TamperAsync(node, tamper);
        return await _fixture.InvestigateAsync();
    }

    private static void AssertFound(AuditReport report, string node, long sequence, AuditProblemKind kind)
    {
        Assert.Equal(AuditVerdict.IntegrityFailure, report.Verdict);
        Assert.Equal(NodeAuditState.Failed, Assert.Single(report.Nodes, n => n.NodeId == node).State);
        Assert.Contains(report.Problems, p => (p.NodeId, p.Sequence, p.Kind) == (node, sequence, kind));
    }

    [Fact]
    public async Task EditedRecord_IsNamedEdited()
    {
        var report = await TamperAndInvestigateAsync(0, file =>
        {
            var record = file.Audit.FindById(3L);
            record["out"] = AuditEntry.Denied;
            record["why"] = "nothing to see";
            file.Audit.Update(record);
        });

        AssertFound(report, "node1", 3, AuditProblemKind.Edited);
    }

    [Fact]
    public async Task DeletedRecord_IsNamedAGap()
    {
        var report = await TamperAndInvestigateAsync(1, file => file.Audit.Delete(3L));

        AssertFound(report, "node2", 3, AuditProblemKind.Gap);
        Assert.Contains(report.Problems, p => (p.NodeId, p.Sequence, p.Kind) == ("node2", 4, AuditProblemKind.BrokenLink));
    }

    [Fact]
    public async Task ReorderedRecords_AreNamedEdited()
    {
        var report = await TamperAndInvestigateAsync(2, file =>
        {
            var third = file.Audit.FindById(3L);
            var fourth = file.Audit.FindById(4L);
            third["_id"] = 4L;
            fourth["_id"] = 3L;
            file.Audit.Update(third);
            file.Audit.Update(fourth);
        });

        AssertFound(report, "node3", 3, AuditProblemKind.Edited);
        AssertFound(report, "node3", 4, AuditProblemKind.Edited);
    }
}
