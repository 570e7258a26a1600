using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;

namespace Hydra.Keystore.Tests;

/// <summary>
/// Streaming a trail while other calls read the store: LiteDB's read locks belong to threads, so a trail cursor held
/// open across the stream's awaits used to break later reads on the thread it was opened on (LockRecursionException,
/// answered as Internal to GetNodeInfo, GetCheckpoints or the next QueryAudit).
/// </summary>
public sealed class AuditReadConcurrencyTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public AuditReadConcurrencyTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task QueryAudit_StreamedWhileOtherCallsRead_NoCallFails()
    {
        var clinician = _fixture.Cluster.ConnectAs(DevUser.Clinician);
        await clinician.RegisterKeysAsync(
            [.. Enumerable.Range(0, 600).Select(_ => Keys.NewKey()).Select(k => new KeyRegistration(k.Id, k.Key, []))],
            CancellationToken.None).DefaultTimeout();
        var officer = _fixture.Cluster.ConnectAs(DevUser.Officer);

        var rounds = Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var round = 0; round < 4; round++)
            {
                var trail = CountAsync(officer.QueryAuditAsync("node1", new AuditQueryOptions(), CancellationToken.None));
                var statuses = officer.GetStatusAsync(CancellationToken.None);
                var checkpoints = officer.GetCheckpointsAsync("node1", "node1", 0, CancellationToken.None);
                await Task.WhenAll(trail, statuses, checkpoints);
                Assert.True(await trail >= 600);
                Assert.All(await statuses, s => Assert.True(s.Reachable, s.Failure?.ToString()));
            }
        });

        await Task.WhenAll(rounds).DefaultTimeout();
    }

    private static async Task<int> CountAsync(IAsyncEnumerable<AuditEntry> entries)
    {
        var count = 0;
        await foreach (var _ in entries)
        {
            count++;
        }

        return count;
    }
}
