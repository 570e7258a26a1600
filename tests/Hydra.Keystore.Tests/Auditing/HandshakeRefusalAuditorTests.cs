using Hydra.Audit;
using Hydra.Grid.Tls;
using Hydra.Keystore.Auditing;
using Hydra.Keystore.Options;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Keystore.Tests.Auditing;

/// <summary>The auditor writes one record per peer address and reason per interval, driven by the node's clock.</summary>
public sealed class HandshakeRefusalAuditorTests
{
    [Fact]
    public async Task Interval_RefusalsBeforeAndAfterATick_OneRecordPerPairPerInterval()
    {
        // Arrange
        var clock = NodeStore.NewClock();
        using var store = new NodeStore(clock);
        var options = new KeystoreOptions { Audit = { HandshakeRefusalIntervalSeconds = 30 } };
        using var auditor = new HandshakeRefusalAuditor(store.Store, options, clock, NullLogger<HandshakeRefusalAuditor>.Instance);
        await auditor.StartAsync(CancellationToken.None).DefaultTimeout();
        var first = clock.GetUtcNow();

        // Act: 50 refusals from one address, then a tick; one more, then the next tick.
        for (var i = 0; i < 50; i++)
        {
            auditor.Refused(new HandshakeRefusal("192.0.2.9", HandshakeRefusalReason.NoCertificate, "A client certificate is required."));
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        var beforeTick = store.Trail().Count;
        clock.Advance(TimeSpan.FromSeconds(25));
        var afterFirstTick = await WaitForRecordsAsync(store, 1);
        auditor.Refused(new HandshakeRefusal("192.0.2.9", HandshakeRefusalReason.NoCertificate, "A client certificate is required."));
        clock.Advance(TimeSpan.FromSeconds(30));
        var afterSecondTick = await WaitForRecordsAsync(store, 2);
        await auditor.StopAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(0, beforeTick);
        var record = Assert.Single(afterFirstTick);
        Assert.Equal((AuditOperations.TlsHandshake, AuditEntry.Denied, "192.0.2.9", string.Empty), (record.Operation, record.Outcome, record.Peer, record.Subject));
        Assert.Equal($"NoCertificate: count=50 first={Text(first)} last={Text(first.AddSeconds(4.9))}", record.Reason);
        Assert.StartsWith("NoCertificate: count=1 ", afterSecondTick[1].Reason, StringComparison.Ordinal);
        Assert.Equal(2, store.Trail().Count);
        Assert.True(AuditChainVerifier.Verify("node1", store.Trail()).IsIntact);
    }

    [Fact]
    public async Task Stop_RefusalsNotYetWritten_WrittenBeforeTheAuditorStops()
    {
        // Arrange
        var clock = NodeStore.NewClock();
        using var store = new NodeStore(clock);
        using var auditor = new HandshakeRefusalAuditor(store.Store, new KeystoreOptions(), clock, NullLogger<HandshakeRefusalAuditor>.Instance);
        await auditor.StartAsync(CancellationToken.None).DefaultTimeout();

        // Act
        auditor.Refused(new HandshakeRefusal("192.0.2.10", HandshakeRefusalReason.UntrustedChain, "untrusted"));
        await auditor.StopAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        var record = Assert.Single(store.Trail());
        Assert.StartsWith("UntrustedChain: count=1 ", record.Reason, StringComparison.Ordinal);
    }

    private static string Text(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The timer fires on the fake clock, but the write commits on the writer thread: wait (bounded) for it.</summary>
    private static async Task<List<AuditEntry>> WaitForRecordsAsync(NodeStore store, int count)
    {
        using var timeout = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeoutSpan);
        while (store.Trail().Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }

        return store.Trail();
    }
}
