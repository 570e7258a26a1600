using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Auditing;
using Hydra.Testing;

namespace Hydra.Client.Tests.Auditing;

/// <summary>
/// Tampering that the hash chain alone cannot show: a truncated trail, a trail rewritten with every hash recomputed,
/// forged checkpoints and a node presenting two histories. Peers' witnessed checkpoints give each away.
/// </summary>
public sealed class CheckpointTamperTests : IClassFixture<AuditClusterFixture>
{
    private readonly AuditClusterFixture _fixture;

    public CheckpointTamperTests(AuditClusterFixture fixture) => _fixture = fixture;

    /// <summary>Some history, sealed: every node signs a checkpoint and its peers witness it.</summary>
    private async Task<Dictionary<string, SignedCheckpoint>> SealedHistoryAsync()
    {
        var keys = await AuditKeys.RegisterStudyAsync(_fixture.ConnectAs(DevUser.Clinician), 4, _fixture.Dn(DevUser.Reader)).DefaultTimeout();
        using (await _fixture.ConnectAs(DevUser.Reader).GetKeyAsync(keys[0], CancellationToken.None).DefaultTimeout())
        {
        }

        await _fixture.SealAllAsync();
        var officer = _fixture.ConnectAs(DevUser.Officer);
        var newest = new Dictionary<string, SignedCheckpoint>();
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            var holder = node == "node1" ? "node2" : "node1";
            newest[node] = (await officer.GetCheckpointsAsync(holder, node, 0, CancellationToken.None).DefaultTimeout()).MaxBy(c => c.Sequence)!;
        }

        return newest;
    }

    [Fact]
    public async Task TruncatedAfterAWitnessedCheckpoint_IsNamedTruncated()
    {
        var witnessed = (await SealedHistoryAsync())["node1"];

        await _fixture.TamperAsync(0, file => file.Audit.DeleteMany(LiteDB.Query.GTE("_id", witnessed.Sequence - 9)));
        var report = await _fixture.InvestigateAsync();

        var node = Assert.Single(report.Nodes, n => n.NodeId == "node1");
        Assert.True(node.LastSequence < witnessed.Sequence, $"the restarted node wrote {node.LastSequence - witnessed.Sequence + 10} records");
        var problem = Assert.Single(report.Problems, p => p.NodeId == "node1" && p.Kind == AuditProblemKind.Truncated);
        Assert.Equal(node.LastSequence + 1, problem.Sequence);
        Assert.Contains($"checkpoint of {witnessed.Sequence} records", problem.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Problems, p => p.NodeId == "node1" && p.Kind is AuditProblemKind.Edited or AuditProblemKind.BrokenLink or AuditProblemKind.Gap);
    }

    [Fact]
    public async Task RewrittenWithEveryHashRecomputed_IsNamedRewrittenAtTheWitnessedCheckpoint()
    {
        var witnessed = (await SealedHistoryAsync())["node2"];
        var reader = _fixture.Dn(DevUser.Reader);

        await _fixture.TamperAsync(1, file =>
        {
            // Hide the reader's release: make it someone else's refusal, and re-chain everything after it.
            var release = file.Audit.FindAll().Select(d => d["_id"].AsInt64).Select(file.Read)
                .Last(e => e.Operation == AuditOperations.GetShare && e.Subject == reader && e.Outcome == AuditEntry.Allowed && e.Sequence <= witnessed.Sequence);
            file.RewriteConsistently(release.Sequence, e => e with { Subject = "/DC=org/CN=nobody", Outcome = AuditEntry.Denied });
        });
        var report = await _fixture.InvestigateAsync();

        // The chain alone is intact; every witnessed checkpoint after the edited record contradicts it.
        var node2 = report.Problems.Where(p => p.NodeId == "node2").ToList();
        Assert.All(node2, p => Assert.Equal(AuditProblemKind.Rewritten, p.Kind));
        var problem = Assert.Single(node2, p => p.Sequence == witnessed.Sequence);
        Assert.Contains("held by node1, node2, node3", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WitnessedCopyAlteredOnAPeer_IsNamedAnInvalidCheckpoint()
    {
        var witnessed = (await SealedHistoryAsync())["node3"];

        await _fixture.TamperAsync(0, file =>
        {
            var copy = file.CheckpointsOf("node3").Single(d => d["seq"].AsInt64 == witnessed.Sequence);
            copy["seq"] = witnessed.Sequence + 1000;
            file.Checkpoints.Update(copy);
        });
        var report = await _fixture.InvestigateAsync();

        var problem = Assert.Single(report.Problems, p => p.NodeId == "node3" && p.Kind == AuditProblemKind.InvalidCheckpoint);
        Assert.Equal(witnessed.Sequence + 1000, problem.Sequence);
        Assert.Contains("held by node1", problem.Description, StringComparison.Ordinal);
        Assert.Contains("signature does not verify", problem.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Problems, p => p.NodeId == "node3" && p.Kind == AuditProblemKind.Truncated);
    }

    [Fact]
    public async Task CheckpointSignedByAnotherNode_IsNamedAnInvalidCheckpoint()
    {
        await SealedHistoryAsync();
        var impostor = _fixture.Pki.Host("node2");
        var forged = AuditCheckpoints.Sign("node1", 2, new byte[32], DateTimeOffset.UtcNow, new TlsCredential([impostor.Certificate], impostor.PrivateKey));

        await _fixture.TamperAsync(2, file => file.PutCheckpoint(forged));
        var report = await _fixture.InvestigateAsync();

        var problem = Assert.Single(report.Problems, p => (p.NodeId, p.Sequence, p.Kind) == ("node1", 2, AuditProblemKind.InvalidCheckpoint));
        Assert.Contains("held by node3", problem.Description, StringComparison.Ordinal);
        Assert.Contains("which is not node 'node1'", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodePresentingTwoHistories_IsNamedEquivocation()
    {
        var witnessed = (await SealedHistoryAsync())["node1"];
        var node1 = _fixture.Pki.Host("node1");
        var credential = new TlsCredential([node1.Certificate], node1.PrivateKey);
        var other = AuditCheckpoints.Sign("node1", witnessed.Sequence, new byte[32], DateTimeOffset.UtcNow, credential);
        var peer = _fixture.Configuration.Nodes.Single(n => n.Id == "node3");

        bool consistent;
        using (var witness = new CheckpointWitnessClient(peer, credential, new HostCertificateValidator(_fixture.TrustStore)))
        {
            consistent = await witness.WitnessAsync(other, CancellationToken.None).DefaultTimeout();
        }

        var report = await _fixture.InvestigateAsync();

        Assert.False(consistent);
        var problem = Assert.Single(report.Problems, p => (p.NodeId, p.Sequence, p.Kind) == ("node1", witnessed.Sequence, AuditProblemKind.Equivocation));
        Assert.Contains("000000000000... held by node3", problem.Description, StringComparison.Ordinal);
    }
}
