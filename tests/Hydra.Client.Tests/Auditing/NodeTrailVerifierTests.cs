using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Client.Auditing;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing.Pki;

namespace Hydra.Client.Tests.Auditing;

/// <summary>One node's trail against its announced head and the checkpoints it and its peers hold, signed with the dev PKI.</summary>
public sealed class NodeTrailVerifierTests : IClassFixture<DevPkiFixture>
{
    private static readonly ClusterNode Node1 = new("node1", "127.0.0.1:7441", "node1");
    private readonly DevPki _pki;
    private readonly ProxyChainValidator _validator;
    private readonly SyntheticTrail _trail = new("node1");

    public NodeTrailVerifierTests(DevPkiFixture fixture)
    {
        _pki = fixture.Pki;
        _validator = new ProxyChainValidator(GridTrustStore.Load(_pki.TrustDirectory));
        for (var i = 0; i < 10; i++)
        {
            _trail.Release(TimeSpan.FromSeconds(i), "/CN=reader", $"k{i}");
        }
    }

    private HeldCheckpoint Checkpoint(string holder, long sequence, ReadOnlyMemory<byte>? hash = null, string signer = "node1", string nodeId = "node1")
    {
        var host = _pki.Host(signer);
        var checkpoint = AuditCheckpoints.Sign(nodeId, sequence, hash ?? _trail.Entries[(int)sequence - 1].Hash, DateTimeOffset.UtcNow,
            new TlsCredential([host.Certificate], host.PrivateKey));
        return new HeldCheckpoint(holder, checkpoint);
    }

    private NodeAuditVerdict Verify(IReadOnlyList<HeldCheckpoint> checkpoints, long? announced = null)
    {
        var length = announced ?? _trail.Entries.Count;
        var status = new NodeStatus(Node1, true, TimeSpan.Zero, "node1", "1", 0, length,
            Convert.ToHexStringLower(_trail.Entries[(int)length - 1].Hash.Span), null, null);
        return NodeTrailVerifier.Verify(new NodeAuditEvidence(Node1, status, null, _trail.Entries, null, checkpoints, []), _validator);
    }

    [Fact]
    public void Verify_IntactTrailWithWitnessedCheckpoints_IsVerified()
    {
        var verdict = Verify([Checkpoint("node1", 8), Checkpoint("node2", 8), Checkpoint("node3", 8), Checkpoint("node2", 4)]);

        Assert.Equal(NodeAuditState.Verified, verdict.State);
        Assert.Empty(verdict.Problems);
        Assert.Equal((1L, 10L, 10L, 2, 8L), (verdict.FirstSequence, verdict.LastSequence, verdict.RecordCount, verdict.ValidCheckpoints, verdict.NewestWitnessedCheckpoint));
        Assert.Equal(["node2", "node3"], verdict.Witnesses);
        Assert.Contains("sealed up to 8 by checkpoints witnessed by node2, node3", verdict.Summary, StringComparison.Ordinal);
        Assert.Contains(verdict.Notes, n => n.Contains("Records 9-10 are newer", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_OnlyItsOwnCheckpoints_IsVerifiedWithANote()
    {
        var verdict = Verify([Checkpoint("node1", 10)]);

        Assert.Equal(NodeAuditState.Verified, verdict.State);
        Assert.Equal(0, verdict.NewestWitnessedCheckpoint);
        Assert.Contains(verdict.Notes, n => n.Contains("No peer holds a checkpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_ConsistentRewriteAfterAWitnessedCheckpoint_IsRewrittenAtTheCheckpoint()
    {
        var witnessed = Checkpoint("node2", 8);
        _trail.Rewrite(5, e => e with { Subject = "/CN=someone else" });

        var verdict = Verify([witnessed]);

        Assert.Equal(NodeAuditState.Failed, verdict.State);
        var problem = Assert.Single(verdict.Problems);
        Assert.Equal(("node1", 8L, AuditProblemKind.Rewritten), (problem.NodeId, problem.Sequence, problem.Kind));
        Assert.Contains("held by node2", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TrailShorterThanAWitnessedCheckpoint_IsTruncated()
    {
        var witnessed = Checkpoint("node3", 10);
        _trail.Entries.RemoveRange(6, 4);

        var verdict = Verify([witnessed], announced: 6);

        var problem = Assert.Single(verdict.Problems);
        Assert.Equal((7L, AuditProblemKind.Truncated), (problem.Sequence, problem.Kind));
        Assert.Contains("checkpoint of 10 records", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TwoSignedHashesAtOneSequence_IsEquivocation()
    {
        var verdict = Verify([Checkpoint("node2", 6), Checkpoint("node3", 6, new byte[32])]);

        var problem = Assert.Single(verdict.Problems);
        Assert.Equal((6L, AuditProblemKind.Equivocation), (problem.Sequence, problem.Kind));
        Assert.Contains("2 different hashes", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CheckpointAlteredAfterSigning_IsInvalidAndProvesNothing()
    {
        var genuine = Checkpoint("node2", 6);
        var altered = genuine with { Checkpoint = genuine.Checkpoint with { Hash = new byte[32] } };

        var verdict = Verify([altered]);

        var problem = Assert.Single(verdict.Problems);
        Assert.Equal((6L, AuditProblemKind.InvalidCheckpoint), (problem.Sequence, problem.Kind));
        Assert.Contains("held by node2", problem.Description, StringComparison.Ordinal);
        Assert.Contains("signature does not verify", problem.Description, StringComparison.Ordinal);
        Assert.Equal(0, verdict.ValidCheckpoints);
    }

    [Fact]
    public void Verify_CheckpointSignedByAnotherNodesHostCertificate_IsInvalid()
    {
        var verdict = Verify([Checkpoint("node3", 6, signer: "node2")]);

        var problem = Assert.Single(verdict.Problems);
        Assert.Equal(AuditProblemKind.InvalidCheckpoint, problem.Kind);
        Assert.Contains("which is not node 'node1'", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CheckpointSignedOutsideTheTrustedCa_IsInvalid()
    {
        var rogue = AuditCheckpoints.Sign("node1", 6, _trail.Entries[5].Hash, DateTimeOffset.UtcNow,
            new TlsCredential([_pki.RogueCa.Certificate], _pki.RogueCa.PrivateKey));

        var verdict = Verify([new HeldCheckpoint("node2", rogue)]);

        var problem = Assert.Single(verdict.Problems);
        Assert.Equal(AuditProblemKind.InvalidCheckpoint, problem.Kind);
        Assert.Contains("not trusted", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_HolderReturningACheckpointOfAnotherNode_IsInvalid()
    {
        var verdict = Verify([Checkpoint("node3", 6, signer: "node2", nodeId: "node2")]);

        Assert.Contains(verdict.Problems, p => p.Kind == AuditProblemKind.InvalidCheckpoint && p.Description.Contains("names node 'node2'", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_HeadAnnouncedBeforeReadingDiffers_IsRewritten()
    {
        var status = new NodeStatus(Node1, true, TimeSpan.Zero, "node1", "1", 0, 9, new string('a', 64), null, null);

        var verdict = NodeTrailVerifier.Verify(new NodeAuditEvidence(Node1, status, null, _trail.Entries, null, [], []), _validator);

        var problem = Assert.Single(verdict.Problems);
        Assert.Equal((9L, AuditProblemKind.Rewritten), (problem.Sequence, problem.Kind));
        Assert.Contains("announced aaaaaaaaaaaa...", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TrailReadFromAWitnessedCheckpoint_ChecksTheRecordAtTheCheckpoint()
    {
        var start = Checkpoint("node2", 6);
        var tail = _trail.Entries.Skip(5).ToList();
        var evidence = new NodeAuditEvidence(Node1, null, start.Checkpoint, tail, null, [start], []);

        var verdict = NodeTrailVerifier.Verify(evidence, _validator);
        tail[0] = tail[0] with { Outcome = AuditEntry.Denied };
        var edited = NodeTrailVerifier.Verify(evidence with { Trail = tail }, _validator);

        Assert.True(verdict.State == NodeAuditState.Verified, string.Join("; ", verdict.Problems));
        Assert.Equal((6L, 10L), (verdict.FirstSequence, verdict.LastSequence));
        Assert.Contains("from the witnessed checkpoint at 6", verdict.Summary, StringComparison.Ordinal);
        Assert.Contains(edited.Problems, p => p.Sequence == 6 && p.Kind == AuditProblemKind.Edited);
    }

    [Fact]
    public void Verify_UnreadableNode_SaysWhy()
    {
        var failure = new NodeFailure("node1", NodeFailureKind.PermissionDenied, "not an auditor");

        var verdict = NodeTrailVerifier.Verify(new NodeAuditEvidence(Node1, null, null, [], failure, [], []), _validator);

        Assert.Equal(NodeAuditState.Unreadable, verdict.State);
        Assert.Equal(failure, verdict.Failure);
        Assert.Contains("PermissionDenied: not an auditor", verdict.Summary, StringComparison.Ordinal);
    }
}
