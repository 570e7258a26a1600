using Hydra.Sharing.Tests.Support;

namespace Hydra.Sharing.Tests;

public sealed class ShamirTests
{
    public static TheoryData<string> VectorNames => new() { "A", "B", "C" };

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Combine_KnownVectorEveryThresholdSubset_ReturnsStatedSecret(string name)
    {
        // Arrange
        var (shares, threshold, secret) = name switch
        {
            "A" => (ShamirVectors.A, 2, ShamirVectors.ASecret),
            "B" => (ShamirVectors.B, 3, ShamirVectors.BcSecret),
            _ => (ShamirVectors.C, 3, ShamirVectors.BcSecret),
        };

        foreach (var subset in Hex.Subsets(shares, threshold).Concat(Hex.Subsets(shares, shares.Length)))
        {
            // Act
            var combined = Shamir.Combine(subset, threshold);

            // Assert
            Assert.Equal(secret, combined);
        }
    }

    [Fact]
    public void Combine_VectorAInReverseOrder_ReturnsSecret()
    {
        Assert.Equal(ShamirVectors.ASecret, Shamir.Combine([ShamirVectors.A[2], ShamirVectors.A[0]], 2));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(7, 7)]
    public void Split_ThenCombineEveryThresholdSubset_ReturnsSecret(int shareCount, int threshold)
    {
        // Arrange
        var secret = Enumerable.Range(0, 33).Select(i => (byte)(i * 7 + 1)).ToArray();

        // Act
        var shares = Shamir.Split(secret, shareCount, threshold, DeterministicRandom.FromSeed(shareCount * 31 + threshold));

        // Assert
        Assert.All(shares, share => Assert.Equal(secret.Length + 1, share.Length));
        foreach (var subset in Hex.Subsets(shares, threshold))
        {
            Assert.Equal(secret, Shamir.Combine(subset, threshold));
        }
    }

    [Fact]
    public void Split_ThresholdMinusOneShares_CombineToSomethingElse()
    {
        // Arrange: 3-of-5; two shares alone interpolate a line, not the secret polynomial.
        var secret = Enumerable.Repeat((byte)0x42, 32).ToArray();
        var shares = Shamir.Split(secret, 5, 3, DeterministicRandom.FromSeed(9));

        // Act
        var wrong = Shamir.Combine(shares[..2], 2);

        // Assert
        Assert.NotEqual(secret, wrong);
    }

    [Fact]
    public void Split_MaximumShares_XCoordinatesAreAllNonZeroValues()
    {
        // Act
        var shares = Shamir.Split([1, 2, 3], 255, 2, DeterministicRandom.FromSeed(1));

        // Assert
        var xs = shares.Select(share => share[^1]).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 255).Select(i => (byte)i), xs);
    }

    [Fact]
    public void Split_ZeroRandomness_LeadingCoefficientZeroIsKeptNotRedrawn()
    {
        // Arrange: an all-zero source makes every coefficient 0 (uniform sampling allows it) and x = 1, 2, 3.
        var random = DeterministicRandom.Zeros();
        byte[] secret = [9, 8, 7];

        // Act
        var shares = Shamir.Split(secret, 3, 2, random);

        // Assert: f(x) = secret for all x, and exactly (M-1) coefficient bytes per secret byte were drawn.
        Assert.Equal([1, 2, 3], shares.Select(share => share[^1]));
        Assert.All(shares, share => Assert.Equal(secret, share[..^1]));
        Assert.Equal(3 + secret.Length * 1, random.BytesDrawn);
    }

    [Fact]
    public void Split_SameSeed_IsRepeatable()
    {
        var first = Shamir.Split([1, 2, 3, 4], 4, 3, DeterministicRandom.FromSeed(5));
        var second = Shamir.Split([1, 2, 3, 4], 4, 3, DeterministicRandom.FromSeed(5));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Split_LargeSecretAcrossCoefficientBatches_RoundTrips()
    {
        var secret = Enumerable.Range(0, 1000).Select(i => (byte)(i ^ (i >> 3))).ToArray();
        var shares = Shamir.Split(secret, 4, 3);
        Assert.Equal(secret, Shamir.Combine([shares[3], shares[1], shares[0]], 3));
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 0)]
    [InlineData(2, 3)]
    [InlineData(256, 2)]
    [InlineData(3, 256)]
    public void Split_BadParameters_ThrowsArgumentOutOfRange(int shareCount, int threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Shamir.Split([1], shareCount, threshold));
    }

    [Fact]
    public void Split_EmptySecret_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => Shamir.Split([], 3, 2));
    }

    [Fact]
    public void Combine_FewerThanThreshold_ThrowsTooFewShares()
    {
        // Arrange: the npm package returns garbage for 2 shares of a 3-threshold split (kms.md).
        byte[][] shares = [ShamirVectors.B[0], ShamirVectors.B[1]];

        // Act
        var error = Assert.Throws<ShareException>(() => Shamir.Combine(shares, 3));

        // Assert
        Assert.Equal(ShareErrorReason.TooFewShares, error.Reason);
        Assert.Contains("threshold is 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_ShareWithXZero_ThrowsZeroXNamingIt()
    {
        // Arrange: the forgery of kms.md - B4 with x set to 0 would make combine return B4's y bytes.
        var forged = (byte[])ShamirVectors.B[3].Clone();
        forged[^1] = 0;

        // Act
        var error = Assert.Throws<ShareException>(() => Shamir.Combine([ShamirVectors.B[1], ShamirVectors.B[2], forged], 3));

        // Assert
        Assert.Equal(ShareErrorReason.ZeroX, error.Reason);
        Assert.Equal(["share 3"], error.Sources);
        Assert.DoesNotContain(Convert.ToHexString(forged[..4]), error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Combine_DuplicateX_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ShareException>(() => Shamir.Combine([ShamirVectors.A[0], ShamirVectors.A[1], ShamirVectors.A[0]], 2));
        Assert.Equal(ShareErrorReason.DuplicateX, error.Reason);
        Assert.Equal(["share 1", "share 3"], error.Sources);
    }

    [Fact]
    public void Combine_MixedLengths_ThrowsLengthMismatch()
    {
        var error = Assert.Throws<ShareException>(() => Shamir.Combine([ShamirVectors.A[0], ShamirVectors.B[1]], 2));
        Assert.Equal(ShareErrorReason.LengthMismatch, error.Reason);
    }

    [Fact]
    public void Combine_OneByteShares_ThrowsLengthMismatch()
    {
        var error = Assert.Throws<ShareException>(() => Shamir.Combine([[1], [2]], 2));
        Assert.Equal(ShareErrorReason.LengthMismatch, error.Reason);
    }

    [Fact]
    public void Combine_ThresholdOne_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Shamir.Combine(ShamirVectors.A, 1));
    }

    [Fact]
    public void Combine_FlippedBit_ReturnsWrongSecretSilently()
    {
        // Documents why raw shares need the envelope: the math cannot notice tampering.
        var tampered = (byte[])ShamirVectors.B[0].Clone();
        tampered[0] ^= 1;
        var combined = Shamir.Combine([tampered, ShamirVectors.B[1], ShamirVectors.B[2]], 3);
        Assert.NotEqual(ShamirVectors.BcSecret, combined);
    }
}
