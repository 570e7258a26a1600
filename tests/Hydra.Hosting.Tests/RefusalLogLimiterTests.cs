using Hydra.Grid.Tls;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Hosting.Tests;

/// <summary>At most one log line per peer address and reason per interval, the next one counting those held back.</summary>
public sealed class RefusalLogLimiterTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));

    private static HandshakeRefusal Refusal(string peer = "192.0.2.7", HandshakeRefusalReason reason = HandshakeRefusalReason.NoCertificate) =>
        new(peer, reason, "A client certificate is required.");

    [Fact]
    public void ShouldLog_RepeatsWithinInterval_OnlyFirstLogged_NextIntervalCountsTheRest()
    {
        // Arrange
        var limiter = new RefusalLogLimiter(_time, Interval);

        // Act
        var first = limiter.ShouldLog(Refusal(), out var firstSuppressed);
        var repeats = Enumerable.Range(0, 99).Count(i => limiter.ShouldLog(Refusal(), out _));
        _time.Advance(Interval);
        var next = limiter.ShouldLog(Refusal(), out var nextSuppressed);

        // Assert
        Assert.True(first);
        Assert.Equal(0L, firstSuppressed);
        Assert.Equal(0, repeats);
        Assert.True(next);
        Assert.Equal(99L, nextSuppressed);
    }

    [Fact]
    public void ShouldLog_OtherPeerOrReason_LoggedIndependently()
    {
        // Arrange
        var limiter = new RefusalLogLimiter(_time, Interval);
        limiter.ShouldLog(Refusal(), out _);

        // Act and assert
        Assert.True(limiter.ShouldLog(Refusal(peer: "192.0.2.8"), out _));
        Assert.True(limiter.ShouldLog(Refusal(reason: HandshakeRefusalReason.UntrustedChain), out _));
        Assert.False(limiter.ShouldLog(Refusal(), out _));
    }

    [Fact]
    public void ShouldLog_MorePairsThanTracked_ExtraHeldBackAndCountedInALaterLine()
    {
        // Arrange: the table full of pairs within their interval.
        var limiter = new RefusalLogLimiter(_time, Interval);
        for (var i = 0; i < RefusalLogLimiter.MaxKeys; i++)
        {
            Assert.True(limiter.ShouldLog(Refusal(peer: $"10.0.{i / 256}.{i % 256}"), out _));
        }

        // Act: 50 more addresses while the table is full, then one after the interval.
        var extra = Enumerable.Range(0, 50).Count(i => limiter.ShouldLog(Refusal(peer: $"10.9.0.{i}"), out _));
        _time.Advance(Interval);
        var later = limiter.ShouldLog(Refusal(peer: "10.9.9.9"), out var suppressed);

        // Assert: nothing logged while full; the next line counts the 50 held back.
        Assert.Equal(0, extra);
        Assert.True(later);
        Assert.Equal(50L, suppressed);
    }
}
