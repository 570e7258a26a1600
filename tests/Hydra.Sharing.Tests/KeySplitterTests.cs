using Hydra.Keystore.Contract;

namespace Hydra.Sharing.Tests;

public sealed class KeySplitterTests
{
    [Fact]
    public void Split_ThreeOfFive_MakesOneSplitWithDistinctXAndVerifiableTags()
    {
        // Arrange
        var keyId = KeyId.New();
        var key = new byte[32];
        Random.Shared.NextBytes(key);

        // Act
        var envelopes = KeySplitter.Split(keyId, key, 5, 3);

        // Assert
        Assert.Equal(5, envelopes.Count);
        Assert.Single(envelopes.Select(e => Convert.ToHexString(e.SplitId.Span)).Distinct());
        Assert.Equal(5, envelopes.Select(e => e.X).Distinct().Count());
        Assert.All(envelopes, e => Assert.Equal((keyId, 3, 5, 32), (e.KeyId, e.Threshold, e.ShareCount, e.Y.Length)));
        using var tagger = new ShareTag(key, envelopes[0].SplitId.Span);
        Assert.All(envelopes, e => Assert.True(tagger.Verify(e)));
    }

    [Fact]
    public void Split_Twice_UsesDifferentSplitIds()
    {
        var key = new byte[32];
        var first = KeySplitter.Split(KeyId.New(), key, 3, 2);
        var second = KeySplitter.Split(KeyId.New(), key, 3, 2);
        Assert.NotEqual(first[0].SplitId.ToArray(), second[0].SplitId.ToArray());
    }

    [Fact]
    public void Split_ShortKey_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KeySplitter.Split(KeyId.New(), new byte[15], 3, 2));
    }

    [Fact]
    public void Split_DefaultKeyId_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => KeySplitter.Split(default, new byte[32], 3, 2));
    }

    [Fact]
    public void Tag_OtherKey_DoesNotVerify()
    {
        var envelopes = KeySplitter.Split(KeyId.New(), new byte[32], 3, 2);
        var otherKey = new byte[32];
        otherKey[31] = 1;
        using var tagger = new ShareTag(otherKey, envelopes[0].SplitId.Span);
        Assert.False(tagger.Verify(envelopes[0]));
    }
}
