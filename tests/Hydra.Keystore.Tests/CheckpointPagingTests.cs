using Hydra.CertsDev;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests;

/// <summary>Checkpoints come back in pages, so years of them never exceed one gRPC message; clients read every page.</summary>
public sealed class CheckpointPagingTests : IAsyncLifetime
{
    private readonly DevPkiFixture _pki = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await TestCluster.StartAsync(_pki.Pki, configure: options => options.Audit.CheckpointPageSize = 2);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task GetCheckpointsAsync_MorePagesThanOne_ReturnsEveryCheckpointInOrder()
    {
        var clinician = _cluster.ConnectAs(DevUser.Clinician);
        for (var round = 0; round < 5; round++)
        {
            var (id, key) = Keys.NewKey();
            await clinician.RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
            await _cluster.Node(0).SealAuditTrailAsync(CancellationToken.None).DefaultTimeout();
        }

        var checkpoints = await _cluster.ConnectAs(DevUser.Officer).GetCheckpointsAsync("node1", "node1", 0, CancellationToken.None).DefaultTimeout();
        var later = await _cluster.ConnectAs(DevUser.Officer).GetCheckpointsAsync("node1", "node1", checkpoints[2].Sequence, CancellationToken.None).DefaultTimeout();

        Assert.True(checkpoints.Count >= 5, $"{checkpoints.Count} checkpoints");
        Assert.Equal(checkpoints.Select(c => c.Sequence).Order(), checkpoints.Select(c => c.Sequence));
        Assert.Equal(checkpoints.Count, checkpoints.Select(c => c.Sequence).Distinct().Count());
        Assert.Equal(checkpoints.Skip(2).Select(c => c.Sequence), later.Select(c => c.Sequence));
    }
}
