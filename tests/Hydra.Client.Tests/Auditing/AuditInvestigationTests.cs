using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Client.Auditing;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Testing;

namespace Hydra.Client.Tests.Auditing;

/// <summary>Investigations of a real three-node cluster that nobody tampered with.</summary>
public sealed class AuditInvestigationTests : IClassFixture<AuditClusterFixture>
{
    private readonly AuditClusterFixture _fixture;

    public AuditInvestigationTests(AuditClusterFixture fixture) => _fixture = fixture;

    private static async Task FetchAsync(KeystoreCluster client, KeyId key)
    {
        using (await client.GetKeyAsync(key, CancellationToken.None).DefaultTimeout())
        {
        }
    }

    [Fact]
    public async Task Run_Officer_VerifiesEveryTrailEndToEnd_AndSeesEveryRecord()
    {
        var keys = await AuditKeys.RegisterStudyAsync(_fixture.ConnectAs(DevUser.Clinician), 1, _fixture.Dn(DevUser.Reader)).DefaultTimeout();
        await FetchAsync(_fixture.ConnectAs(DevUser.Reader), keys[0]);
        await _fixture.SealAllAsync();

        var report = await _fixture.InvestigateAsync();

        Assert.Equal(AuditVerdict.Verified, report.Verdict);
        Assert.Empty(report.Problems);
        Assert.All(report.Nodes, node =>
        {
            Assert.Equal(NodeAuditState.Verified, node.State);
            Assert.Equal(1, node.FirstSequence);
            Assert.True(node.NewestWitnessedCheckpoint > 0, node.Summary);
            Assert.Equal(2, node.Witnesses.Count);
            Assert.True(node.LastSequence >= node.AnnouncedLength);
        });
        Assert.Equal(3, report.Records.Count(r => r.Operation == "RegisterShare" && r.KeyId == keys[0].Value));
        Assert.Equal(_fixture.Dn(DevUser.Officer), report.Auditor);
        Assert.Contains(report.Records, r => r.Operation == "QueryAudit" && r.Subject == _fixture.Dn(DevUser.Officer));
    }

    [Fact]
    public async Task Run_Reader_SeesNothing_AndTheAttemptIsAudited()
    {
        var refused = await Assert.ThrowsAsync<ClusterException>(() => _fixture.InvestigateAsync(DevUser.Reader));

        var report = await _fixture.InvestigateAsync(options: new AuditInvestigationOptions
        {
            Selection = new AuditSelection { Subject = _fixture.Dn(DevUser.Reader), Outcome = AuditEntry.Denied },
        });

        Assert.True(refused.IsAccessDenied, refused.Message);
        Assert.Equal(3, refused.Failures.Count);
        Assert.Equal(["node1", "node2", "node3"], report.Records.Where(r => r.Operation == "QueryAudit").Select(r => r.Node).Distinct().Order());
        Assert.Contains(report.Flags, f => f.Kind == AuditFlagKind.Refusal && f.Subject == _fixture.Dn(DevUser.Reader)
            && f.Detail.StartsWith("QueryAudit refused", StringComparison.Ordinal) && f.Nodes.Count == 3);
    }

    [Fact]
    public async Task Run_SeveralReaders_FlagsReconstructionsRefusalsAndTheOneWhoFetchedMany()
    {
        var clinician = _fixture.ConnectAs(DevUser.Clinician);
        var shared = await AuditKeys.RegisterStudyAsync(clinician, 1, _fixture.Dn(DevUser.Reader)).DefaultTimeout();
        var many = await AuditKeys.RegisterStudyAsync(clinician, 6).DefaultTimeout();
        await FetchAsync(_fixture.ConnectAs(DevUser.Reader), shared[0]);
        await Assert.ThrowsAsync<ClusterException>(() => FetchAsync(_fixture.ConnectAs(DevUser.Researcher), shared[0]));
        await Assert.ThrowsAsync<ClusterException>(() => FetchAsync(_fixture.ConnectAs(DevUser.NoVo), shared[0]));
        foreach (var key in many)
        {
            await FetchAsync(clinician, key);
        }

        // Six keys in at most two clock hours: one of them has more than two, whenever the test runs.
        var report = await _fixture.InvestigateAsync(options: new AuditInvestigationOptions { Analysis = new AuditAnalysisOptions { HourlyKeyLimit = 2 } });

        var reconstruction = Assert.Single(report.Flags, f => f.Kind == AuditFlagKind.Reconstruction && f.KeyId == shared[0].Value);
        Assert.Equal(_fixture.Dn(DevUser.Reader), reconstruction.Subject);
        Assert.InRange(reconstruction.Nodes.Count, 2, 3);
        foreach (var stranger in new[] { DevUser.Researcher, DevUser.NoVo })
        {
            var refusal = Assert.Single(report.Flags, f => f.Kind == AuditFlagKind.Refusal && f.KeyId == shared[0].Value && f.Subject == _fixture.Dn(stranger));
            Assert.Equal(["node1", "node2", "node3"], refusal.Nodes);
        }

        Assert.Equal(6, report.Flags.Count(f => f.Kind == AuditFlagKind.Reconstruction && many.Any(k => k.Value == f.KeyId)
            && f.Subject == _fixture.Dn(DevUser.Clinician)));
        Assert.Contains(report.Flags, f => f.Kind == AuditFlagKind.UnusualVolume && f.Subject == _fixture.Dn(DevUser.Clinician));
        Assert.DoesNotContain(report.Flags, f => f.Kind == AuditFlagKind.UnusualVolume && f.Subject != _fixture.Dn(DevUser.Clinician));
        var study = Assert.Single(report.Studies, s => s.Study == AuditStudy.Of(many[0].Value));
        Assert.Equal((6, 6, 6), (study.Keys, study.KeysRebuilt, study.Reconstructions));
        Assert.Equal([_fixture.Dn(DevUser.Clinician)], study.Subjects);
        var researcher = Assert.Single(report.Subjects, s => s.Subject == _fixture.Dn(DevUser.Researcher));
        Assert.Equal(0, researcher.KeysRebuilt);
        Assert.True(researcher.Refusals >= 3);
    }

    [Fact]
    public async Task Run_FromAWitnessedCheckpoint_ReadsAndVerifiesOnlyTheTrailAfterIt()
    {
        await _fixture.SealAllAsync();
        var from = DateTimeOffset.UtcNow;
        var keys = await AuditKeys.RegisterStudyAsync(_fixture.ConnectAs(DevUser.Clinician), 1).DefaultTimeout();

        var report = await _fixture.InvestigateAsync(options: new AuditInvestigationOptions
        {
            Selection = new AuditSelection { From = from },
            StartAtWitnessedCheckpoint = true,
        });

        Assert.Equal(AuditVerdict.Verified, report.Verdict);
        Assert.All(report.Nodes, node =>
        {
            Assert.True(node.FirstSequence > 1, node.Summary);
            Assert.Contains("from the witnessed checkpoint", node.Summary, StringComparison.Ordinal);
        });
        Assert.Equal(3, report.Records.Count(r => r.KeyId == keys[0].Value));
        Assert.All(report.Records, r => Assert.True(r.Time >= from));
    }
}
