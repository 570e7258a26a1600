using Hydra.Grid.Tls;
using Hydra.Keystore.Auditing;

namespace Hydra.Keystore.Tests.Auditing;

/// <summary>Refusals are tallied per peer address and reason, in bounded memory.</summary>
public sealed class HandshakeRefusalAggregatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private static HandshakeRefusal Refusal(string peer, HandshakeRefusalReason reason) => new(peer, reason, "detail");

    [Fact]
    public void Drain_RefusalsFromTwoPeers_OneTallyPerPeerAndReasonWithCountFirstAndLast()
    {
        // Arrange
        var aggregator = new HandshakeRefusalAggregator();

        // Act
        aggregator.Add(Refusal("192.0.2.1", HandshakeRefusalReason.NoCertificate), Start);
        aggregator.Add(Refusal("192.0.2.2", HandshakeRefusalReason.UntrustedChain), Start.AddSeconds(1));
        aggregator.Add(Refusal("192.0.2.1", HandshakeRefusalReason.NoCertificate), Start.AddSeconds(5));
        aggregator.Add(Refusal("192.0.2.1", HandshakeRefusalReason.Revoked), Start.AddSeconds(6));
        var drained = aggregator.Drain();

        // Assert
        Assert.Equal(
            [
                new RefusalTally("192.0.2.1", HandshakeRefusalReason.NoCertificate, 2, Start, Start.AddSeconds(5)),
                new RefusalTally("192.0.2.2", HandshakeRefusalReason.UntrustedChain, 1, Start.AddSeconds(1), Start.AddSeconds(1)),
                new RefusalTally("192.0.2.1", HandshakeRefusalReason.Revoked, 1, Start.AddSeconds(6), Start.AddSeconds(6)),
            ],
            drained);
        Assert.Empty(aggregator.Drain());
    }

    [Fact]
    public void Drain_MorePairsThanTheCap_CapTalliesPlusOneOverflowCountingTheRest()
    {
        // Arrange
        var aggregator = new HandshakeRefusalAggregator();

        // Act: 300 addresses, twice each.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 300; i++)
            {
                aggregator.Add(Refusal($"10.0.{i / 256}.{i % 256}", HandshakeRefusalReason.ProtocolError), Start.AddSeconds(i));
            }
        }

        var drained = aggregator.Drain();

        // Assert
        Assert.Equal(HandshakeRefusalAggregator.MaxPairs + 1, drained.Count);
        Assert.All(drained.Take(HandshakeRefusalAggregator.MaxPairs), t => Assert.Equal(2, t.Count));
        var overflow = drained[^1];
        Assert.Equal((RefusalTally.OverflowPeer, (HandshakeRefusalReason?)null), (overflow.PeerAddress, overflow.Reason));
        Assert.Equal(2 * (300 - HandshakeRefusalAggregator.MaxPairs), overflow.Count);
        Assert.Equal(600, drained.Sum(t => t.Count));
    }

    [Fact]
    public void AuditReason_Tally_NamesReasonCountAndTimesToTheMicrosecond()
    {
        var tally = new RefusalTally("192.0.2.1", HandshakeRefusalReason.NoCertificate, 3, Start.AddTicks(1234567), Start.AddMinutes(1));

        Assert.Equal(
            "NoCertificate: count=3 first=2026-12-07T00:00:00.123456Z last=2026-12-07T00:01:00.000000Z",
            tally.AuditReason());
    }
}
