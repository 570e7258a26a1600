using Hydra.Sharing.Tests.Support;

namespace Hydra.Sharing.Tests;

public sealed class SecretEscrowTests
{
    private static readonly byte[] Secret = "1234"u8.ToArray(); // guessable on purpose

    private static List<ReceivedSealedShare> Received(IReadOnlyList<SealedShare> shares) =>
        shares.Select((share, i) => new ReceivedSealedShare($"share {i + 1}", share)).ToList();

    [Fact]
    public void Split_ThenRecoverEveryThresholdSubset_ReturnsSecret()
    {
        // Arrange
        var shares = Received(SecretEscrow.Split(Secret, 4, 3, DeterministicRandom.FromSeed(4)));

        foreach (var subset in Hex.Subsets(shares, 3))
        {
            // Act
            using var recovered = SecretEscrow.Recover(subset);

            // Assert
            Assert.Equal(Secret, recovered.Secret.ToArray());
            Assert.Empty(recovered.BadSources);
        }
    }

    [Fact]
    public void Split_EveryShare_SharesOfARandomKeyNotOfTheSecret()
    {
        var shares = SecretEscrow.Split(Secret, 3, 2);

        Assert.All(shares, share => Assert.Equal(32, share.Envelope.Y.Length));
        Assert.All(shares, share => Assert.Equal(Secret.Length + 16, share.SealedSecret.Length));
    }

    [Theory]
    [InlineData(ShareTextEncoding.Base64)]
    [InlineData(ShareTextEncoding.Hex)]
    public void ToText_ThenParseText_ReturnsEqualShare(ShareTextEncoding encoding)
    {
        var share = SecretEscrow.Split(Secret, 3, 2)[1];

        var text = share.ToText(encoding);
        var parsed = SealedShare.ParseText(text);

        Assert.StartsWith("hydra-share-v1:", text, StringComparison.Ordinal);
        Assert.True(SealedShare.IsSealedText(text));
        Assert.Equal(share, parsed);
    }

    [Fact]
    public void Recover_OneShareWithCorruptSealedSecret_RecoversAndNamesIt()
    {
        // Arrange: the envelopes are intact; share 1's copy of the sealed secret is altered.
        var shares = Received(SecretEscrow.Split(Secret, 3, 2));
        var original = shares[0].Share;
        var sealedSecret = original.SealedSecret.ToArray();
        sealedSecret[0] ^= 0x80;
        shares[0] = shares[0] with { Share = new SealedShare(original.Envelope, original.Nonce.Span, sealedSecret) };

        // Act
        using var recovered = SecretEscrow.Recover(shares);

        // Assert
        Assert.Equal(Secret, recovered.Secret.ToArray());
        Assert.Equal(["share 1"], recovered.BadSources);
    }

    [Fact]
    public void Recover_EveryByteFlipOfOneShareWithThreeOfTwo_RecoversAndNamesIt()
    {
        // Arrange
        var shares = SecretEscrow.Split(Secret, 3, 2);
        var bytes = shares[2].ToBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x04;
            SealedShare parsed;
            try
            {
                parsed = SealedShare.Parse(tampered);
            }
            catch (ShareException)
            {
                continue; // structurally refused: also fine
            }

            var received = Received([shares[0], shares[1], parsed]);
            if (parsed.Envelope.KeyId != shares[0].Envelope.KeyId)
            {
                // A share naming another key is refused outright, naming it.
                var error = Assert.Throws<ShareException>(() => SecretEscrow.Recover(received));
                Assert.Equal((ShareErrorReason.MixedKeys, "share 3"), (error.Reason, error.Sources[^1]));
                continue;
            }

            // Act
            using var recovered = SecretEscrow.Recover(received);

            // Assert
            // (a flipped split id makes share 3 look like a share of another escrow; it is set aside either way)
            Assert.Equal(Secret, recovered.Secret.ToArray());
            Assert.Equal(["share 3"], recovered.BadSources.Concat(recovered.OtherSplitSources));
        }
    }

    [Fact]
    public void Recover_TwoOfTwoWithOneCorruptEnvelope_FailsNamingBoth()
    {
        var shares = SecretEscrow.Split(Secret, 3, 2);
        var bytes = shares[1].ToBytes();
        bytes[7 + 63] ^= 1; // y's first byte: sealed prefix (7) + envelope fields before y with a 36-character key id (63)
        List<ReceivedSealedShare> received = [new("a", shares[0]), new("b", SealedShare.Parse(bytes))];

        var error = Assert.Throws<ShareException>(() => SecretEscrow.Recover(received));

        Assert.Equal(ShareErrorReason.IntegrityFailure, error.Reason);
        Assert.Equal(["a", "b"], error.Sources);
    }

    [Fact]
    public void Split_SecretTooLong_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SecretEscrow.Split(new byte[SecretEscrow.MaxSecretLength + 1], 3, 2));
    }

    [Fact]
    public void ParseText_WithoutPrefix_ThrowsMalformed()
    {
        var error = Assert.Throws<ShareException>(() => SealedShare.ParseText("AAAA"));
        Assert.Equal(ShareErrorReason.Malformed, error.Reason);
    }

    [Fact]
    public void Parse_EveryTruncation_ThrowsShareException()
    {
        var bytes = SecretEscrow.Split(Secret, 3, 2)[0].ToBytes();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<ShareException>(() => SealedShare.Parse(bytes.AsSpan(0, length)));
        }
    }
}
