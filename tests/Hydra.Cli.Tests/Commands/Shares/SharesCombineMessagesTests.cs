using System.Text.Json;
using Hydra.Cli.Tests.Support;
using Hydra.Testing;

namespace Hydra.Cli.Tests.Commands.Shares;

/// <summary>
/// <c>hydra shares combine</c> on damaged or wrong input says what is wrong and what to do, not a neighbouring
/// failure: a damaged sealed copy, the same share twice, a changed M, a line that is no share.
/// </summary>
public sealed class SharesCombineMessagesTests
{
    private static readonly byte[] Secret = "correct horse battery staple\n"u8.ToArray();

    // Offsets in a base64 sealed share with a 36-character key id: the envelope starts at 7, M is at 7 + 22 + 36.
    private const int ThresholdOffset = 7 + 22 + 36;

    private static async Task<string[]> SplitAsync()
    {
        var split = await CliRun.RunAsync(["shares", "split", "-n", "3", "-m", "2"], Secret).DefaultTimeout();
        Assert.Equal(0, split.ExitCode);
        return split.OutputLines;
    }

    /// <summary>The sealed share with <paramref name="change"/> applied to its bytes.</summary>
    private static string Changed(string sealedShare, Action<byte[]> change)
    {
        var bytes = Convert.FromBase64String(sealedShare["hydra-share-v1:".Length..]);
        change(bytes);
        return "hydra-share-v1:" + Convert.ToBase64String(bytes);
    }

    [Fact]
    public async Task Combine_ShareWhoseSealedCopyIsDamaged_SaysItsKeyPartWasUsedAndTheSecretCameFromAnother()
    {
        // Arrange: the last byte is the GCM tag of share 1's copy of the sealed secret; its key part is intact.
        var shares = await SplitAsync();
        var damaged = Changed(shares[0], bytes => bytes[^1] ^= 0x01);

        // Act
        var run = await CliRun.RunAsync(["shares", "combine", damaged, shares[1]]).DefaultTimeout();

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Secret, run.StandardOutputBytes);
        Assert.Contains("share 1 is damaged: its part of the key verified, but its sealed copy of the secret fails authentication", run.StandardError,
            StringComparison.Ordinal);
        Assert.Contains("Secret recovered and verified (key from share 1, share 2; sealed secret from share 2)", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("it was not used", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Combine_SameShareTwice_SaysSoAndAsksForAnotherShare()
    {
        var shares = await SplitAsync();

        var run = await CliRun.RunAsync(["--json", "shares", "combine", shares[0], shares[0]]).DefaultTimeout();

        Assert.Equal(1, run.ExitCode);
        var root = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal("DuplicateX", root.GetProperty("error").GetString());
        var message = root.GetProperty("message").GetString()!;
        Assert.StartsWith("share 1, share 2 are the same share: only 1 different share(s)", message, StringComparison.Ordinal);
        Assert.Contains("Give 1 more different share(s) of the split", message, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupt", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Combine_FirstShareWithChangedThreshold_SaysTheSharesDisagreeNotThatThreeAreNeeded()
    {
        var shares = await SplitAsync();
        var changed = Changed(shares[0], bytes => bytes[ThresholdOffset] = 3);

        var run = await CliRun.RunAsync(["shares", "combine", changed, shares[1]]).DefaultTimeout();

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("disagree on the split's M of N (share 1 3 of 3; share 2 2 of 3)", line, StringComparison.Ordinal);
        Assert.Contains("Add another share of the split to tell which", line, StringComparison.Ordinal);
        Assert.DoesNotContain("are needed", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Combine_GarbageLineAmongSealedShares_SaysItIsNoShareRatherThanMixedFormats()
    {
        var shares = await SplitAsync();

        var run = await CliRun.RunAsync(["shares", "combine", shares[0], "not a share!"]).DefaultTimeout();

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("share 2 is not a share: it does not start with 'hydra-share-v1:' like share 1", line, StringComparison.Ordinal);
        Assert.Contains("Check that it was copied whole, or leave it out", line, StringComparison.Ordinal);
        Assert.DoesNotContain("mix", line, StringComparison.Ordinal);
    }
}
