using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Storage;
using Hydra.Keystore.Tests.Support;
using Hydra.Sharing;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Keystore.Tests;

/// <summary>Corrupt shares are detected and named; registration is idempotent; the node fails closed.</summary>
public sealed class IntegrityTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public IntegrityTests(DevPkiFixture pki) => _pki = pki;

    private static void CorruptShare(TestCluster cluster, int node, string keyId) =>
        NodeFiles.EditEnvelope(cluster.DataFile(node), keyId, bytes =>
        {
            var envelope = ShareEnvelope.Parse(bytes);
            var y = envelope.Y.ToArray();
            y[0] ^= 0x01;
            return new ShareEnvelope(envelope.KeyId, envelope.SplitId.Span, envelope.Threshold, envelope.ShareCount, envelope.X, y, envelope.Tag.Span).ToBytes();
        });

    [Fact]
    public async Task CorruptShareOnOneNode_KeyStillRebuilds_AndTheNodeIsNamed()
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var (id, key) = Keys.NewKey();
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
        await cluster.StopNodeAsync(1);
        CorruptShare(cluster, 1, id.Value);
        await cluster.StartNodeAsync(1);

        var results = await cluster.ConnectAs(DevUser.Clinician).GetKeysAsync([id], CancellationToken.None).DefaultTimeout();

        using var fetched = Assert.Single(results).Key!;
        Assert.Equal(key, fetched.Key.ToArray());
        Assert.Equal(["node2"], fetched.BadNodes);
    }

    [Fact]
    public async Task CorruptShareWithOnlyMNodesUp_IsRefusedNamingBothSuspects()
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var (id, key) = Keys.NewKey();
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
        await cluster.StopNodeAsync(1);
        CorruptShare(cluster, 1, id.Value);
        await cluster.StartNodeAsync(1);
        await cluster.StopNodeAsync(2);

        var error = await Assert.ThrowsAsync<ClusterException>(
            () => cluster.ConnectAs(DevUser.Clinician).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Assert.Contains("node1", error.Message, StringComparison.Ordinal);
        Assert.Contains("node2", error.Message, StringComparison.Ordinal);
        var shareError = Assert.IsType<ShareException>(error.InnerException);
        Assert.True(shareError.MoreSharesMayHelp);
    }

    [Fact]
    public async Task RegisteringTheSameSharesAgain_IsIdempotent_AndADifferentSplitIsRefused()
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var client = cluster.ConnectAs(DevUser.Clinician);
        var (id, key) = Keys.NewKey();
        await client.RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();

        var again = await Rpc.ThrowsClusterAsync(() => client.RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout());
        using var stillThere = await client.GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        // A fresh split of the same key is a different share: refused everywhere, and the original survives.
        Rpc.AllNodes(again, NodeFailureKind.AlreadyExists);
        Assert.Contains("already holds a different share", again.Message, StringComparison.Ordinal);
        Assert.Equal(key, stillThere.Key.ToArray());
    }

    [Fact]
    public async Task AuditWriteFailing_ReleasesNoShare_AndTheNodeStopsServing()
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var client = cluster.ConnectAs(DevUser.Clinician);
        var (id, key) = Keys.NewKey();
        await client.RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
        for (var node = 0; node < 2; node++)
        {
            cluster.Node(node).Services.GetRequiredService<KeystoreStore>().InjectCommitFailure = new IOException("disk full");
        }

        await cluster.StopNodeAsync(2);
        var error = await Rpc.ThrowsClusterAsync(() => client.GetKeyAsync(id, CancellationToken.None).DefaultTimeout());
        var status = await client.GetStatusAsync(CancellationToken.None).DefaultTimeout();

        Assert.Contains(error.Failures, f => f.NodeId == "node1" && f.Kind == NodeFailureKind.Unavailable);
        Assert.Contains(error.Failures, f => f.NodeId == "node2" && f.Kind == NodeFailureKind.Unavailable);
        Assert.Contains("nothing was changed or released", error.Message, StringComparison.Ordinal);
        Assert.All(status.Take(2), s => Assert.Contains("stopped serving until it is restarted", s.Failure!.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongNodeIdentity_IsRefusedBeforeAnythingIsSent()
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var configuration = cluster.Configuration() with
        {
            Nodes = [.. cluster.Configuration().Nodes.Select(n => n with { Identity = "keystore.elsewhere.org" })],
        };
        var user = _pki.Pki.User(DevUser.Clinician);
        var client = cluster.Connect(new Hydra.Grid.Tls.TlsCredential([user.Certificate], user.PrivateKey), configuration: configuration);

        var status = await client.GetStatusAsync(CancellationToken.None).DefaultTimeout();

        Assert.All(status, s =>
        {
            Assert.False(s.Reachable);
            Assert.Contains("does not name 'keystore.elsewhere.org'", s.Failure!.Message, StringComparison.Ordinal);
        });
    }
}
