using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hydra.CertsDev;
using Hydra.Client.Auditing;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.V1;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Client.Tests.Auditing;

/// <summary>
/// An officer's investigation of a cluster where one node answers with a malformed checkpoint and a malformed record:
/// the report names that node and why, and still verifies the honest nodes (no unexpected exception ends it).
/// </summary>
public sealed class MalformedNodeAuditTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public MalformedNodeAuditTests(DevPkiFixture pki) => _pki = pki;

    [Fact]
    public async Task Investigation_NodeSendingMalformedCheckpointAndRecord_IsReportedUnreadableByName_OthersVerified()
    {
        // Arrange: two honest nodes and node3, which announces one record but sends a checkpoint without a time and a
        // record whose hash is two hex digits.
        await using var honest = await TestCluster.StartAsync(_pki.Pki, nodeCount: 2);
        var answers = new ScriptedAnswers
        {
            Info = new NodeInfo
            {
                NodeId = "node3",
                AuditLength = 1,
                AuditHead = new string('a', 64),
                Caller = new Caller { Subject = _pki.Pki.User(DevUser.Officer).SubjectDn, Roles = { "auditor" } },
            },
            Checkpoints = new GetCheckpointsResponse
            {
                Checkpoints = { new AuditCheckpoint { NodeId = "node3", Sequence = 1, Hash = new string('a', 64), Certificates = { ByteString.CopyFrom([1]) } } },
            },
            Trail = [new AuditRecord { Sequence = 1, NodeId = "node3", Time = Timestamp.FromDateTime(DateTime.UnixEpoch), PreviousHash = new string('0', 64), Hash = "ab" }],
        };
        await using var liar = await LyingNode.StartAsync(_pki.Pki, "node3", answers);
        var officer = _pki.Pki.User(DevUser.Officer);
        var configuration = honest.Configuration() with { Nodes = [.. honest.Configuration().Nodes, liar.Node] };
        var client = honest.Connect(new TlsCredential([officer.Certificate], officer.PrivateKey), configuration: configuration);

        // Act
        var report = await new AuditInvestigation(client, GridTrustStore.Load(_pki.Pki.TrustDirectory))
            .RunAsync(new AuditInvestigationOptions(), CancellationToken.None).DefaultTimeout();

        // Assert
        var node3 = Assert.Single(report.Nodes, n => n.NodeId == "node3");
        Assert.Equal(NodeAuditState.Unreadable, node3.State);
        Assert.Equal(("node3", NodeFailureKind.MalformedAnswer), (node3.Failure!.NodeId, node3.Failure.Kind));
        Assert.Contains("Audit record 1's hash is not a 32-byte hash in hex", node3.Summary, StringComparison.Ordinal);
        Assert.Contains(node3.Notes, n => n.Contains("node3 did not hand over its checkpoints of node3: MalformedAnswer: Checkpoint 1 of 'node3' has no time", StringComparison.Ordinal));
        Assert.All(report.Nodes.Where(n => n.NodeId != "node3"), n =>
        {
            Assert.Equal(NodeAuditState.Verified, n.State);
            Assert.Contains(n.Notes, note => note.Contains($"node3 did not hand over its checkpoints of {n.NodeId}: MalformedAnswer", StringComparison.Ordinal));
        });
    }
}
