using Hydra.Sharing.Tests.Support;
using Hydra.Testing;

namespace Hydra.Sharing.Tests;

/// <summary>Our raw shares against the npm package shamir-secret-sharing (Privy), in both directions.</summary>
public sealed class ShamirNpmInteropTests
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 ^ i)).ToArray();

    [Theory]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(4, 4)]
    public async Task NpmCombine_OurSplitEveryThresholdSubset_ReturnsSecret(int shareCount, int threshold)
    {
        // Arrange
        var shares = Shamir.Split(Secret, shareCount, threshold);
        var sets = Hex.Subsets(shares, threshold).Select(set => set.Select(Convert.ToHexStringLower).ToArray()).ToArray();

        // Act
        var answer = await NpmInterop.RunAsync(new { op = "combine", sets }).DefaultTimeout();

        // Assert
        var secrets = answer["secrets"]!.AsArray().Select(s => (string)s!).ToList();
        Assert.Equal(sets.Length, secrets.Count);
        Assert.All(secrets, hex => Assert.Equal(Convert.ToHexStringLower(Secret), hex));
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(255, 2)]
    public async Task OurCombine_NpmSplitEveryThresholdSubset_ReturnsSecret(int shareCount, int threshold)
    {
        // Act
        var answer = await NpmInterop.RunAsync(new { op = "split", secret = Convert.ToHexStringLower(Secret), shares = shareCount, threshold })
            .DefaultTimeout();
        var shares = answer["shares"]!.AsArray().Select(s => Convert.FromHexString((string)s!)).ToList();

        // Assert: every subset for small splits; for 255 shares, consecutive pairs (every share is used).
        Assert.Equal(shareCount, shares.Count);
        var subsets = shareCount <= 5 ? Hex.Subsets(shares, threshold) : shares.Chunk(threshold).Where(c => c.Length == threshold);
        foreach (var subset in subsets)
        {
            Assert.Equal(Secret, Shamir.Combine(subset, threshold));
        }
    }

    [Fact]
    public async Task NpmCombine_KnownVectorsAAndB_ReturnStatedSecrets()
    {
        // Act
        var answer = await NpmInterop.RunAsync(new
        {
            op = "combine",
            sets = new[] { ShamirVectors.A[..2], ShamirVectors.B[2..] }.Select(set => set.Select(Convert.ToHexStringLower).ToArray()),
        }).DefaultTimeout();

        // Assert
        var secrets = answer["secrets"]!.AsArray().Select(s => (string)s!).ToList();
        Assert.Equal([Convert.ToHexStringLower(ShamirVectors.ASecret), Convert.ToHexStringLower(ShamirVectors.BcSecret)], secrets);
    }
}
