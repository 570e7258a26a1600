using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Options;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests;

/// <summary>Nodes down, killed and restarted: reads need M nodes, writes follow the write quorum, nothing acknowledged is lost.</summary>
public sealed class AvailabilityTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public AvailabilityTests(DevPkiFixture pki) => _pki = pki;

    [Fact]
    public async Task OneNodeDown_KeysStillRebuild()
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var (id, key) = Keys.NewKey();
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();

        await cluster.StopNodeAsync(1);
        using var fetched = await cluster.ConnectAs(DevUser.Clinician).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        // The key is rebuilt from the two live nodes as soon as their shares arrive; node2's call is abandoned.
        Assert.Equal(key, fetched.Key.ToArray());
        Assert.Equal(["node1", "node3"], fetched.UsedNodes.Order().ToArray());
        Assert.All(fetched.Failed, f => Assert.Equal("node2", f.NodeId));
    }

    [Fact]
    public async Task OneNodeDown_RegistrationWithDefaultQuorum_FailsNamingTheNodeAndLeavesNoShares()
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        await cluster.StopNodeAsync(2);
        var client = cluster.ConnectAs(DevUser.Clinician);
        var (id, key) = Keys.NewKey();

        var error = await Rpc.ThrowsClusterAsync(() => client.RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout());
        var afterRollback = await Rpc.ThrowsClusterAsync(() => client.GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Assert.Contains("stored on 2 of 3 nodes", error.Message, StringComparison.Ordinal);
        Assert.Contains("write quorum is 3", error.Message, StringComparison.Ordinal);
        Assert.Equal("node3", Assert.Single(error.Failures).NodeId);
        Assert.Contains(afterRollback.Failures, f => f.Kind == NodeFailureKind.NotFound);
    }

    [Fact]
    public async Task OneNodeDown_RegistrationWithQuorumTwo_SucceedsAndReportsTheMissingShare()
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        await cluster.StopNodeAsync(0);
        var client = cluster.ConnectAs(DevUser.Clinician, writeQuorum: 2);
        var (id, key) = Keys.NewKey();

        var report = await client.RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
        using var fetched = await client.GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        Assert.False(report.Complete);
        Assert.Equal(["node2", "node3"], report.StoredOn.Order().ToArray());
        Assert.Equal("node1", Assert.Single(report.Failed).NodeId);
        var pending = Assert.Single(report.Undelivered);
        Assert.Equal("node1", pending.Node.Id);
        Assert.Equal(id, pending.Envelope.KeyId);
        Assert.Equal(key, fetched.Key.ToArray());
    }

    [Fact]
    public async Task NodeRestarted_KeepsItsShares()
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var (id, key) = Keys.NewKey();
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();

        await cluster.StopNodeAsync(1);
        await cluster.StartNodeAsync(1);
        await cluster.StopNodeAsync(0);
        using var fetched = await cluster.ConnectAs(DevUser.Clinician).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        Assert.Equal(key, fetched.Key.ToArray());
        Assert.Contains("node2", fetched.UsedNodes);
    }

    [Fact]
    public async Task NodeKilledRightAfterAcknowledging_KeepsEveryAcknowledgedShare()
    {
        // Arrange: node2 runs as its own process on its usual port and data file.
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        await cluster.StopNodeAsync(1);
        var options = new KeystoreOptions();
        cluster.Configure(1, options);
        var keys = Enumerable.Range(0, 200).Select(_ => Keys.NewKey()).ToList();

        // Act: register (durably acknowledged by all three nodes), then SIGKILL node2 at once and bring it back.
        using (var child = await ChildNode.StartAsync(options))
        {
            var client = cluster.ConnectAs(DevUser.Clinician);
            await client.RegisterKeysAsync(
                [.. keys.Select(k => new Hydra.Cluster.KeyRegistration(k.Id, k.Key, []))], CancellationToken.None).DefaultTimeout();
            child.Kill();
        }

        await cluster.StartNodeAsync(1);
        await cluster.StopNodeAsync(0);
        var fetched = await cluster.ConnectAs(DevUser.Clinician).GetKeysAsync([.. keys.Select(k => k.Id)], CancellationToken.None).DefaultTimeout();

        // Assert: with node1 gone, every key needs node2's share, and every one rebuilds.
        Assert.All(fetched.Zip(keys), pair =>
        {
            Assert.Null(pair.First.Error);
            using var key = pair.First.Key!;
            Assert.Equal(pair.Second.Key, key.Key.ToArray());
            Assert.Contains("node2", key.UsedNodes);
        });
    }
}
