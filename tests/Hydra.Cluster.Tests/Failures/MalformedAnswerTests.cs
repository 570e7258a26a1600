using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Keystore.V1;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;
using AclEntry = Hydra.Access.AclEntry;
using ProtoAclEntry = Hydra.Keystore.V1.AclEntry;

namespace Hydra.Cluster.Tests.Failures;

/// <summary>
/// A node that answers with messages that break the keystore contract is named in the result, with the kind
/// <see cref="NodeFailureKind.MalformedAnswer"/>, while the honest nodes' answers still count.
/// </summary>
public sealed class MalformedAnswerTests : IClassFixture<DevPkiFixture>, IAsyncLifetime
{
    private readonly DevPkiFixture _pki;
    private TestCluster _honest = null!;
    private LyingNode _liar = null!;

    public MalformedAnswerTests(DevPkiFixture pki) => _pki = pki;

    private ScriptedAnswers Answers { get; } = new();

    public async Task InitializeAsync()
    {
        _honest = await TestCluster.StartAsync(_pki.Pki, nodeCount: 2);
        _liar = await LyingNode.StartAsync(_pki.Pki, "node3", Answers);
    }

    public async Task DisposeAsync()
    {
        await _liar.DisposeAsync();
        await _honest.DisposeAsync();
    }

    /// <summary>The honest nodes and the liar as node3, 2 of 3, as the clinician.</summary>
    private KeystoreCluster Connect(int? writeQuorum = 2)
    {
        var configuration = _honest.Configuration(writeQuorum) with { Nodes = [.. _honest.Configuration().Nodes, _liar.Node] };
        var clinician = _pki.Pki.User(DevUser.Clinician);
        return _honest.Connect(new TlsCredential([clinician.Certificate], clinician.PrivateKey), configuration: configuration);
    }

    private static void AssertLiarNamed(IEnumerable<NodeFailure> failures)
    {
        var failure = Assert.Single(failures);
        Assert.Equal(("node3", NodeFailureKind.MalformedAnswer), (failure.NodeId, failure.Kind));
    }

    [Fact]
    public async Task Status_NodeInfoWithoutCaller_NamesTheNode_OthersStillAnswer()
    {
        Answers.Info = new NodeInfo { NodeId = "node3", Time = Timestamp.FromDateTime(DateTime.UnixEpoch) };

        var statuses = await Connect().GetStatusAsync(CancellationToken.None).DefaultTimeout();

        Assert.All(statuses.Take(2), s => Assert.True(s.Reachable, s.Failure?.ToString()));
        var liar = statuses[2];
        Assert.False(liar.Reachable);
        AssertLiarNamed([liar.Failure!]);
        Assert.Contains("does not say who it took the caller to be", liar.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acl_OwnerThatIsNoName_NamesTheNode_TheMajorityStillReads()
    {
        var client = Connect();
        var id = KeyId.New();
        await client.RegisterKeyAsync(id, new byte[32], [AclEntry.For("any", KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        Answers.Acl = new Acl { Owner = "not a distinguished name", Version = 1 };

        var report = await client.GetAclAsync(id, CancellationToken.None).DefaultTimeout();

        Assert.Equal(["node1", "node2"], report.PerNode.Keys.Order());
        AssertLiarNamed(report.Failed);
        Assert.Contains("is neither a distinguished name nor a token subject", report.Failed[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acl_EntryWithUnknownPermissionBits_NamesTheNode()
    {
        var client = Connect();
        var id = KeyId.New();
        await client.RegisterKeyAsync(id, new byte[32], [], CancellationToken.None).DefaultTimeout();
        var owner = _pki.Pki.User(DevUser.Clinician).SubjectDn;
        Answers.Acl = new Acl { Owner = owner, Version = 1, Entries = { new ProtoAclEntry { Principal = "any", Permissions = 0x40 } } };

        var report = await client.GetAclAsync(id, CancellationToken.None).DefaultTimeout();

        AssertLiarNamed(report.Failed);
        Assert.Contains("ACL entry 1 (any): permissions 0x40", report.Failed[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchFetch_AnswerWithFewerItemsThanAsked_NamesTheNode_KeysRebuildFromTheOthers()
    {
        var client = Connect();
        KeyId[] ids = [KeyId.New(), KeyId.New()];
        foreach (var id in ids)
        {
            await client.RegisterKeyAsync(id, new byte[32], [], CancellationToken.None).DefaultTimeout();
        }

        Answers.Shares = new GetSharesResponse { Items = { new GetSharesResponse.Types.Item { KeyId = ids[0].Value, Status = new ItemStatus() } } };

        var results = await client.GetKeysAsync(ids, CancellationToken.None).DefaultTimeout();

        Assert.All(results, r => Assert.NotNull(r.Key));
        var second = results[1].Key!;
        AssertLiarNamed(second.Failed);
        Assert.Contains("answered 1 items of a larger batch", second.Failed[0].Message, StringComparison.Ordinal);
        foreach (var result in results)
        {
            result.Key!.Dispose();
        }
    }

    [Fact]
    public async Task BatchFetch_NodeNeverAnswers_KeysRebuiltAfterTheGrace_NotTheCallDeadline_NodeNamed()
    {
        // Arrange: a call deadline far beyond the test's own bound, so only the grace can end the batch in time.
        var configuration = _honest.Configuration(2) with { Nodes = [.. _honest.Configuration().Nodes, _liar.Node] };
        var clinician = _pki.Pki.User(DevUser.Clinician);
        var client = _honest.Connect(
            new TlsCredential([clinician.Certificate], clinician.PrivateKey), configuration: configuration,
            options: new KeystoreClusterOptions { CallTimeout = TimeSpan.FromHours(1) });
        KeyId[] ids = [KeyId.New(), KeyId.New(), KeyId.New()];
        foreach (var id in ids)
        {
            await client.RegisterKeyAsync(id, new byte[32], [], CancellationToken.None).DefaultTimeout();
        }

        Answers.HangShares = true;

        // Act
        var results = await client.GetKeysAsync(ids, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.All(results, r => Assert.NotNull(r.Key));
        foreach (var result in results)
        {
            var failure = Assert.Single(result.Key!.Failed);
            Assert.Equal(("node3", NodeFailureKind.DeadlineExceeded), (failure.NodeId, failure.Kind));
            Assert.Contains("did not answer within", failure.Message, StringComparison.Ordinal);
            result.Key.Dispose();
        }
    }

    [Fact]
    public async Task Listing_KeyWithoutCreationTime_IsNotTakenFromThatNode_TheOthersStillList()
    {
        var client = Connect();
        var id = KeyId.New();
        await client.RegisterKeyAsync(id, new byte[32], [], CancellationToken.None).DefaultTimeout();
        Answers.Listing = new ListKeysResponse { Items = { new ListKeysResponse.Types.Item { KeyId = id.Value, Owner = "x", Permissions = 1 } } };

        var keys = await client.ListKeysAsync(string.Empty, CancellationToken.None).DefaultTimeout();

        var listed = Assert.Single(keys, k => k.KeyId == id.Value);
        Assert.Equal(["node1", "node2"], listed.Nodes.Order());
    }

    [Fact]
    public async Task Checkpoints_WithoutTime_ThrowNamingTheNode()
    {
        Answers.Checkpoints = new GetCheckpointsResponse
        {
            Checkpoints = { new AuditCheckpoint { NodeId = "node3", Sequence = 4, Hash = new string('a', 64), Certificates = { ByteString.CopyFrom([1]) } } },
        };

        var error = await Assert.ThrowsAsync<ClusterException>(() => Connect().GetCheckpointsAsync("node3", "node3", 0, CancellationToken.None).DefaultTimeout());

        AssertLiarNamed(error.Failures);
        Assert.Contains("Checkpoint 4 of 'node3' has no time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditTrail_RecordWithAShortHash_ThrowsNamingTheNode()
    {
        Answers.Trail = [new AuditRecord { Sequence = 1, Time = Timestamp.FromDateTime(DateTime.UnixEpoch), PreviousHash = new string('0', 64), Hash = "ab" }];

        var error = await Assert.ThrowsAsync<ClusterException>(async () =>
        {
            await foreach (var _ in Connect().QueryAuditAsync("node3", new AuditQueryOptions(), CancellationToken.None))
            {
            }
        }).DefaultTimeout();

        AssertLiarNamed(error.Failures);
        Assert.Contains("Audit record 1's hash is not a 32-byte hash in hex (2 characters)", error.Message, StringComparison.Ordinal);
    }
}
