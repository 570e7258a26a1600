using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Tests.Support;
using Hydra.Sharing;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests;

/// <summary>Shares that waited for a node which was down, sealed to that node's certificate and delivered later.</summary>
public sealed class HandoffTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public HandoffTests(DevPkiFixture pki) => _pki = pki;

    [Fact]
    public async Task UndeliveredShare_SealedAndDeliveredLater_CompletesTheKey()
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        await cluster.StopNodeAsync(0);
        var (id, key) = Keys.NewKey();
        var report = await cluster.ConnectAs(DevUser.Clinician, writeQuorum: 2).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
        var waiting = Assert.Single(report.Undelivered);
        var sealedShare = SealedEnvelopes.Seal(waiting.Envelope, _pki.Pki.Host("node1").Certificate);

        await cluster.StartNodeAsync(0);
        var delivered = await cluster.ConnectAs(DevUser.Clinician).DeliverSealedSharesAsync(
            "node1", [new SealedShareRegistration(id, sealedShare, [])], CancellationToken.None).DefaultTimeout();
        await cluster.StopNodeAsync(1);
        using var fetched = await cluster.ConnectAs(DevUser.Clinician).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        Assert.True(Assert.Single(delivered).Delivered);
        Assert.Equal(key, fetched.Key.ToArray());
        Assert.Contains("node1", fetched.UsedNodes);
    }

    [Theory]
    [InlineData("altered")]
    [InlineData("another node")]
    public async Task BadSealedShare_IsRefused_AndNothingIsStored(string problem)
    {
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var (id, key) = Keys.NewKey();
        var envelope = KeySplitter.Split(id, key, 3, 2)[0];
        var sealedShare = SealedEnvelopes.Seal(envelope, _pki.Pki.Host(problem == "altered" ? "node1" : "node2").Certificate);
        if (problem == "altered")
        {
            sealedShare[^20] ^= 0x01;
        }

        var result = await cluster.ConnectAs(DevUser.Clinician).DeliverSealedSharesAsync(
            "node1", [new SealedShareRegistration(id, sealedShare, [])], CancellationToken.None).DefaultTimeout();
        var lookup = await Assert.ThrowsAsync<ClusterException>(() => cluster.ConnectAs(DevUser.Clinician).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        var item = Assert.Single(result);
        Assert.False(item.Delivered);
        Assert.Equal(NodeFailureKind.InvalidArgument, item.Failure!.Kind);
        Assert.Contains(problem == "altered" ? "The sealed share" : "not addressed to this node", item.Failure.Message, StringComparison.Ordinal);
        Assert.True(lookup.IsNotFound);
    }
}
