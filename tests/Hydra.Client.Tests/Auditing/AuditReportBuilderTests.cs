using Hydra.Audit;
using Hydra.Client.Auditing;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing.Pki;

namespace Hydra.Client.Tests.Auditing;

/// <summary>From evidence to report: verdicts, the selection, the limit, and which flags a selection shows.</summary>
public sealed class AuditReportBuilderTests : IClassFixture<DevPkiFixture>
{
    private const string Alice = "/DC=org/CN=Alice";
    private const string Bob = "/DC=org/CN=Bob";
    private readonly ProxyChainValidator _validator;
    private readonly SyntheticTrail _node1 = new("node1");
    private readonly SyntheticTrail _node2 = new("node2");

    public AuditReportBuilderTests(DevPkiFixture fixture)
    {
        _validator = new ProxyChainValidator(GridTrustStore.Load(fixture.Pki.TrustDirectory));
        _node1.Release(TimeSpan.FromMinutes(1), Alice, "s1:k1");
        _node2.Release(TimeSpan.FromMinutes(1), Alice, "s1:k1");
        _node1.Refuse(TimeSpan.FromMinutes(2), Bob, "s1:k1");
        _node1.Add(TimeSpan.FromMinutes(3), Bob, "ListKeys");
        _node2.Refuse(TimeSpan.FromMinutes(4), Bob, "s2:k9");
    }

    private static NodeAuditEvidence Evidence(SyntheticTrail trail, NodeFailure? failure = null) =>
        new(new ClusterNode(trail.NodeId, "127.0.0.1:1", trail.NodeId), null, null, failure is null ? trail.Entries : [], failure, [], []);

    private AuditReport Build(AuditInvestigationOptions options, params NodeAuditEvidence[] evidence) =>
        AuditReportBuilder.Build(evidence, _validator, 2, options, SyntheticTrail.Start, "/CN=officer");

    [Fact]
    public void Build_IntactTrails_AreVerifiedAndMergedInTimeOrder()
    {
        var report = Build(new AuditInvestigationOptions(), Evidence(_node1), Evidence(_node2));

        Assert.Equal(AuditVerdict.Verified, report.Verdict);
        Assert.Equal(5, report.MatchingRecords);
        Assert.Equal(report.Records.OrderBy(r => r.Time).ThenBy(r => r.Node), report.Records);
        Assert.Equal(["R1"], report.Records[0].Flags);
        Assert.Equal("s1", report.Records[0].Study);
        Assert.Equal(Convert.ToHexStringLower(_node1.Entries[0].Hash.Span), report.Records.Single(r => r.Node == "node1" && r.Sequence == 1).Hash);
    }

    [Fact]
    public void Build_SelectionNarrowsRecordsSummariesAndFlags_NotTheAnalysis()
    {
        var report = Build(new AuditInvestigationOptions { Selection = new AuditSelection { Subject = Alice, KeyId = "s1:k1" } },
            Evidence(_node1), Evidence(_node2));

        Assert.Equal(2, report.Records.Count);
        Assert.All(report.Records, r => Assert.Equal(Alice, r.Subject));
        var flag = Assert.Single(report.Flags);
        Assert.Equal(AuditFlagKind.Reconstruction, flag.Kind);
        Assert.Equal([Alice], report.Subjects.Select(s => s.Subject));
        Assert.Equal((1, 2), (report.Subjects[0].KeysRebuilt, report.Subjects[0].Releases));
    }

    [Fact]
    public void Build_Limit_KeepsTheNewestRecords_AndCountsAllThatMatched()
    {
        var report = Build(new AuditInvestigationOptions { Limit = 2 }, Evidence(_node1), Evidence(_node2));

        Assert.Equal(5, report.MatchingRecords);
        Assert.Equal([3L, 2L], report.Records.Select(r => r.Sequence));
        Assert.Equal(2, report.Subjects.Single(s => s.Subject == Bob).Refusals);
    }

    [Fact]
    public void Build_UnreadableNode_IsIncomplete_AndTamperingWins()
    {
        var failure = new NodeFailure("node2", NodeFailureKind.Unavailable, "cannot connect");
        var incomplete = Build(new AuditInvestigationOptions(), Evidence(_node1), Evidence(_node2, failure));
        _node1.Entries[1] = _node1.Entries[1] with { Outcome = AuditEntry.Allowed };
        var tampered = Build(new AuditInvestigationOptions(), Evidence(_node1), Evidence(_node2, failure));

        Assert.Equal(AuditVerdict.Incomplete, incomplete.Verdict);
        Assert.Equal([NodeAuditState.Verified, NodeAuditState.Unreadable], incomplete.Nodes.Select(n => n.State));
        Assert.DoesNotContain(incomplete.Records, r => r.Node == "node2");
        Assert.Equal(AuditVerdict.IntegrityFailure, tampered.Verdict);
        Assert.Equal(("node1", 2L, AuditProblemKind.Edited), (tampered.Problems[0].NodeId, tampered.Problems[0].Sequence, tampered.Problems[0].Kind));
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, "granted")]
    public void Options_OutOfRange_AreRefused(int limit, string? outcome)
    {
        var options = new AuditInvestigationOptions { Limit = limit, Selection = new AuditSelection { Outcome = outcome } };

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
