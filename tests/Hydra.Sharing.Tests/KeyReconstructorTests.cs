using Hydra.Keystore.Contract;
using Hydra.Sharing.Tests.Support;

namespace Hydra.Sharing.Tests;

public sealed class KeyReconstructorTests
{
    private static readonly KeyId Id = KeyId.Parse("image-7");
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)(i * 13)).ToArray();

    private static List<ReceivedShare> Received(int shareCount, int threshold, int seed = 1) =>
        KeySplitter.Split(Id, Key, shareCount, threshold, DeterministicRandom.FromSeed(seed))
            .Select((envelope, i) => new ReceivedShare($"node{i + 1}", envelope))
            .ToList();

    /// <summary>The same envelope with one y bit flipped: what a corrupt disk or a dishonest node hands out.</summary>
    private static ReceivedShare Corrupt(ReceivedShare share)
    {
        var e = share.Envelope;
        var y = e.Y.ToArray();
        y[0] ^= 0x01;
        return share with { Envelope = new ShareEnvelope(e.KeyId, e.SplitId.Span, e.Threshold, e.ShareCount, e.X, y, e.Tag.Span) };
    }

    [Fact]
    public void Reconstruct_AllGood_ReturnsKeyFromFirstThresholdShares()
    {
        // Arrange
        var shares = Received(3, 2);

        // Act
        using var result = KeyReconstructor.Reconstruct(shares);

        // Assert
        Assert.Equal(Key, result.Key.ToArray());
        Assert.Equal(["node1", "node2"], result.UsedSources);
        Assert.Empty(result.BadSources);
        Assert.Empty(result.OtherSplitSources);
        Assert.Equal((Id, 2, 3), (result.KeyId, result.Threshold, result.ShareCount));
    }

    [Fact]
    public void Reconstruct_ExactlyThresholdWithOneBad_FailsNamingBothAndAskingForAThird()
    {
        // Arrange
        var shares = Received(3, 2).Take(2).ToList();
        shares[1] = Corrupt(shares[1]);

        // Act
        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct(shares));

        // Assert
        Assert.Equal(ShareErrorReason.IntegrityFailure, error.Reason);
        Assert.Contains("node1, node2 holds a corrupt share", error.Message, StringComparison.Ordinal);
        Assert.Contains("a third share is needed to tell which", error.Message, StringComparison.Ordinal);
        Assert.True(error.MoreSharesMayHelp);
        Assert.Equal(["node1", "node2"], error.Sources);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Reconstruct_OneMoreThanThresholdWithOneBad_RebuildsAndNamesIt(int badIndex)
    {
        // Arrange
        var shares = Received(3, 2);
        shares[badIndex] = Corrupt(shares[badIndex]);

        // Act
        using var result = KeyReconstructor.Reconstruct(shares);

        // Assert
        Assert.Equal(Key, result.Key.ToArray());
        Assert.Equal([$"node{badIndex + 1}"], result.BadSources);
        Assert.DoesNotContain($"node{badIndex + 1}", result.UsedSources);
    }

    [Fact]
    public void Reconstruct_FiveWithTwoBadOfThreshold3_RebuildsAndNamesBoth()
    {
        var shares = Received(5, 3);
        shares[0] = Corrupt(shares[0]);
        shares[3] = Corrupt(shares[3]);

        using var result = KeyReconstructor.Reconstruct(shares);

        Assert.Equal(Key, result.Key.ToArray());
        Assert.Equal(["node1", "node4"], result.BadSources);
        Assert.Equal(["node2", "node3", "node5"], result.UsedSources);
    }

    [Fact]
    public void Reconstruct_AllFiveWithThreeBad_FailsSayingMoreSharesCannotHelp()
    {
        var shares = Received(5, 3);
        for (var i = 0; i < 3; i++)
        {
            shares[i] = Corrupt(shares[i]);
        }

        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct(shares));

        Assert.Equal(ShareErrorReason.IntegrityFailure, error.Reason);
        Assert.Contains("at least 3 are corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("all 5 shares of this split were tried", error.Message, StringComparison.Ordinal);
        Assert.False(error.MoreSharesMayHelp);
    }

    [Fact]
    public void Reconstruct_FourOfFiveWithTwoBad_FailsSayingMoreSharesMayHelp()
    {
        var shares = Received(5, 3).Take(4).ToList();
        shares[1] = Corrupt(shares[1]);
        shares[2] = Corrupt(shares[2]);

        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct(shares));

        Assert.Contains("1 more share(s) of this split exist", error.Message, StringComparison.Ordinal);
        Assert.True(error.MoreSharesMayHelp);
    }

    [Fact]
    public void Reconstruct_BelowThreshold_FailsWithTooFewShares()
    {
        var shares = Received(3, 2).Take(1).ToList();

        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct(shares));

        Assert.Equal(ShareErrorReason.TooFewShares, error.Reason);
        Assert.Contains("but 2 are needed", error.Message, StringComparison.Ordinal);
        Assert.True(error.MoreSharesMayHelp);
    }

    [Fact]
    public void Reconstruct_MixedKeyIds_Refuses()
    {
        var shares = Received(3, 2);
        var other = KeySplitter.Split(KeyId.Parse("image-8"), Key, 3, 2)[0];
        shares[2] = new ReceivedShare("node3", other);

        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct(shares));

        Assert.Equal(ShareErrorReason.MixedKeys, error.Reason);
        Assert.Equal(["node1", "node3"], error.Sources);
    }

    [Fact]
    public void Reconstruct_DuplicateSource_Refuses()
    {
        var shares = Received(3, 2);
        shares[1] = shares[1] with { Source = "node1" };

        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct(shares));

        Assert.Equal(ShareErrorReason.DuplicateSource, error.Reason);
    }

    [Fact]
    public void Reconstruct_SharesOfTwoSplits_UsesTheLargerSplitAndReportsTheOther()
    {
        // Arrange: node3 still holds a share of an older split of the same key.
        var current = Received(3, 2, seed: 1);
        var old = Received(3, 2, seed: 2);
        List<ReceivedShare> shares = [old[2] with { Source = "node3" }, current[0], current[1]];

        // Act
        using var result = KeyReconstructor.Reconstruct(shares);

        // Assert
        Assert.Equal(Key, result.Key.ToArray());
        Assert.Equal(current[0].Envelope.SplitId.ToArray(), result.SplitId.ToArray());
        Assert.Equal(["node3"], result.OtherSplitSources);
        Assert.Empty(result.BadSources);
    }

    [Fact]
    public void Reconstruct_ShareClaimingWrongThreshold_IsNamedBad()
    {
        // Arrange: node1 rewrites M from 2 to 3; its tag no longer matches.
        var shares = Received(3, 2);
        var e = shares[0].Envelope;
        shares[0] = shares[0] with { Envelope = new ShareEnvelope(e.KeyId, e.SplitId.Span, 3, 3, e.X, e.Y.Span, e.Tag.Span) };

        using var result = KeyReconstructor.Reconstruct(shares);

        Assert.Equal(Key, result.Key.ToArray());
        Assert.Equal(["node1"], result.BadSources);
    }

    [Fact]
    public void Reconstruct_ShareCopyingAnotherX_IsNamedBad()
    {
        var shares = Received(3, 2);
        var e = shares[1].Envelope;
        shares[1] = shares[1] with { Envelope = new ShareEnvelope(e.KeyId, e.SplitId.Span, 2, 3, shares[0].Envelope.X, e.Y.Span, e.Tag.Span) };

        using var result = KeyReconstructor.Reconstruct(shares);

        Assert.Equal(Key, result.Key.ToArray());
        Assert.Equal(["node2"], result.BadSources);
    }

    [Fact]
    public void Reconstruct_TwoSharesTheFirstClaimingWrongM_SaysTheyDisagreeNotThatThreeAreNeeded()
    {
        // Arrange: node1's M byte flipped from 2 to 3; it comes first, so its claim used to set the threshold.
        var shares = Received(3, 2).Take(2).ToList();
        var e = shares[0].Envelope;
        shares[0] = shares[0] with { Envelope = new ShareEnvelope(e.KeyId, e.SplitId.Span, 3, 3, e.X, e.Y.Span, e.Tag.Span) };

        // Act
        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct(shares));

        // Assert
        Assert.Equal(ShareErrorReason.IntegrityFailure, error.Reason);
        Assert.Contains("disagree on the split's M of N (node1 3 of 3; node2 2 of 3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Add another share of the split to tell which", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("are needed", error.Message, StringComparison.Ordinal);
        Assert.True(error.MoreSharesMayHelp);
    }

    [Fact]
    public void Reconstruct_SameShareTwice_SaysItIsOneShareNotThatOneIsCorrupt()
    {
        // Arrange: one share pasted twice, as two sources.
        var shares = Received(3, 2);
        List<ReceivedShare> twice = [shares[0], shares[0] with { Source = "node2" }];

        // Act
        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct(twice));

        // Assert
        Assert.Equal(ShareErrorReason.DuplicateX, error.Reason);
        Assert.StartsWith("node1, node2 are the same share: only 1 different share(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Give 1 more different share(s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconstruct_TwoSharesClaimingOneXButDiffering_SaysOneIsCorrupt()
    {
        var shares = Received(3, 2).Take(2).ToList();
        var e = shares[1].Envelope;
        shares[1] = shares[1] with { Envelope = new ShareEnvelope(e.KeyId, e.SplitId.Span, 2, 3, shares[0].Envelope.X, e.Y.Span, e.Tag.Span) };

        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct(shares));

        Assert.Equal(ShareErrorReason.IntegrityFailure, error.Reason);
        Assert.Contains("node1, node2 of key 'image-7' claim the same position", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 more share(s) of this split exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconstruct_Failure_MessageHoldsNoShareBytes()
    {
        var shares = Received(3, 2).Take(2).ToList();
        shares[0] = Corrupt(shares[0]);

        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct(shares));

        foreach (var share in shares)
        {
            Assert.DoesNotContain(Convert.ToHexString(share.Envelope.Y.Span[..4]), error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(share.Envelope.Y.Span[..6]), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dispose_ZeroesKeyAndBlocksAccess()
    {
        var result = KeyReconstructor.Reconstruct(Received(3, 2));
        var memory = result.KeyMemory;

        result.Dispose();

        Assert.All(memory.ToArray(), b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => result.Key.Length);
    }

    [Fact]
    public void Reconstruct_NoShares_FailsWithTooFewShares()
    {
        var error = Assert.Throws<ShareException>(() => KeyReconstructor.Reconstruct([]));
        Assert.Equal(ShareErrorReason.TooFewShares, error.Reason);
    }
}
