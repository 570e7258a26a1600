using System.Text.Json;
using Hydra.Cli.Tests.Support;
using Hydra.Sharing;
using Hydra.Testing;

namespace Hydra.Cli.Tests.Commands.Shares;

public sealed class SharesCommandTests
{
    private static readonly byte[] Secret = "correct horse battery staple\n"u8.ToArray();

    [Theory]
    [InlineData("base64")]
    [InlineData("hex")]
    public async Task SplitThenCombine_SealedShares_RecoversSecretFromAnyTwo(string format)
    {
        // Arrange
        var split = await CliRun.RunAsync(["shares", "split", "--shares", "3", "--threshold", "2", "--format", format], Secret).DefaultTimeout();

        // Act
        var combined = await CliRun.RunAsync(["shares", "combine", split.OutputLines[2], split.OutputLines[0]]).DefaultTimeout();

        // Assert
        Assert.Equal(0, split.ExitCode);
        Assert.Equal(3, split.OutputLines.Length);
        Assert.All(split.OutputLines, line => Assert.StartsWith("hydra-share-v1:", line, StringComparison.Ordinal));
        Assert.Contains("3 sealed shares", split.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, combined.ExitCode);
        Assert.Equal(Secret, combined.StandardOutputBytes);
    }

    [Fact]
    public async Task Combine_SharesOnStdin_RecoversSecret()
    {
        var split = await CliRun.RunAsync(["shares", "split", "-n", "5", "-m", "3"], Secret).DefaultTimeout();
        var stdin = string.Join("\n\n", split.OutputLines.Skip(1).Take(3)) + "\n";

        var combined = await CliRun.RunAsync(["shares", "combine"], stdin).DefaultTimeout();

        Assert.Equal(0, combined.ExitCode);
        Assert.Equal(Secret, combined.StandardOutputBytes);
    }

    [Fact]
    public async Task SplitRaw_SharesAreVaultLayoutAndCombineWithThreshold()
    {
        // Act
        var split = await CliRun.RunAsync(["shares", "split", "-n", "3", "-m", "2", "--raw", "--format", "hex"], Secret).DefaultTimeout();
        var combined = await CliRun.RunAsync(["shares", "combine", "-m", "2", split.OutputLines[1], split.OutputLines[2]]).DefaultTimeout();

        // Assert
        var raw = split.OutputLines.Select(Convert.FromHexString).ToList();
        Assert.All(raw, share => Assert.Equal(Secret.Length + 1, share.Length));
        Assert.Equal(Secret, Shamir.Combine([raw[0], raw[2]], 2));
        Assert.Contains("no integrity", split.StandardError, StringComparison.Ordinal);
        Assert.Equal(Secret, combined.StandardOutputBytes);
        Assert.Contains("unverified", combined.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Combine_OneCorruptShareOfThree_RecoversAndNamesIt()
    {
        // Arrange: flip one byte of the share's y, decoded from its base64 text.
        var split = await CliRun.RunAsync(["shares", "split", "-n", "3", "-m", "2"], Secret).DefaultTimeout();
        var corrupt = Corrupt(split.OutputLines[1]);

        // Act
        var combined = await CliRun.RunAsync(["shares", "combine", split.OutputLines[0], corrupt, split.OutputLines[2]]).DefaultTimeout();

        // Assert
        Assert.Equal(0, combined.ExitCode);
        Assert.Equal(Secret, combined.StandardOutputBytes);
        Assert.Contains("share 2 failed verification", combined.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Combine_TwoOfTwoWithOneCorrupt_ExitsIntegrityFailureNamingBoth()
    {
        var split = await CliRun.RunAsync(["shares", "split", "-n", "3", "-m", "2"], Secret).DefaultTimeout();

        var combined = await CliRun.RunAsync(["shares", "combine", Corrupt(split.OutputLines[0]), split.OutputLines[1]]).DefaultTimeout();

        Assert.Equal(3, combined.ExitCode);
        Assert.Empty(combined.StandardOutputBytes);
        var errorLine = Assert.Single(combined.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hydra: error:", errorLine, StringComparison.Ordinal);
        Assert.Contains("share 1, share 2 holds a corrupt share", errorLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shares split --threshold 2")]
    [InlineData("shares split -n 2 -m 3")]
    [InlineData("shares split -n 3 -m 1")]
    [InlineData("shares split -n 3 -m 2 --format base32")]
    [InlineData("shares split -n 3 -m 2 --bogus")]
    [InlineData("shares")]
    [InlineData("shares combine AAAA BBBB")]
    [InlineData("shares combine")]
    public async Task Run_UsageError_ExitsTwoWithOneErrorLine(string commandLine)
    {
        var run = await CliRun.RunAsync(commandLine.Split(' '), Secret).DefaultTimeout();

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hydra: error:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Split_EmptySecret_ExitsOne()
    {
        var run = await CliRun.RunAsync(["shares", "split", "-n", "3", "-m", "2"], []).DefaultTimeout();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("secret is empty", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Combine_MixedSealedAndRaw_ExitsOne()
    {
        var sealedShares = await CliRun.RunAsync(["shares", "split", "-n", "3", "-m", "2"], Secret).DefaultTimeout();

        var run = await CliRun.RunAsync(["shares", "combine", "-m", "2", sealedShares.OutputLines[0], "zChsMAE="]).DefaultTimeout();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("share 2 is a raw share (no 'hydra-share-v1:' prefix) while share 1 is sealed", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Combine_GarbageShare_ExitsOneNamingIt()
    {
        var run = await CliRun.RunAsync(["shares", "combine", "-m", "2", "zChsMAE=", "not base64!"]).DefaultTimeout();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("share 2 is neither", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SplitJson_PrintsOneDocument()
    {
        // Act
        var run = await CliRun.RunAsync(["shares", "split", "-n", "4", "-m", "3", "--json"], Secret).DefaultTimeout();

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.StandardError);
        using var document = JsonDocument.Parse(run.StandardOutput);
        var root = document.RootElement;
        Assert.Equal("sealed", root.GetProperty("format").GetString());
        Assert.Equal("base64", root.GetProperty("encoding").GetString());
        Assert.Equal(3, root.GetProperty("threshold").GetInt32());
        Assert.Equal(4, root.GetProperty("shareCount").GetInt32());
        Assert.Equal(4, root.GetProperty("shares").GetArrayLength());
    }

    [Fact]
    public async Task CombineJson_CarriesSecretAndShareRoles()
    {
        // Arrange
        var split = await CliRun.RunAsync(["shares", "split", "-n", "3", "-m", "2"], Secret).DefaultTimeout();

        // Act
        var run = await CliRun.RunAsync(["--json", "shares", "combine", Corrupt(split.OutputLines[0]), split.OutputLines[1], split.OutputLines[2]])
            .DefaultTimeout();

        // Assert
        using var document = JsonDocument.Parse(run.StandardOutput);
        var root = document.RootElement;
        Assert.Equal(Secret, Convert.FromBase64String(root.GetProperty("secret").GetString()!));
        Assert.True(root.GetProperty("verified").GetBoolean());
        Assert.Equal(["share 2", "share 3"], root.GetProperty("usedShares").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["share 1"], root.GetProperty("badShares").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Json_Failure_PrintsErrorDocumentAndExitCode()
    {
        var split = await CliRun.RunAsync(["shares", "split", "-n", "3", "-m", "2"], Secret).DefaultTimeout();

        var run = await CliRun.RunAsync(["shares", "combine", "--json", Corrupt(split.OutputLines[0]), split.OutputLines[1]]).DefaultTimeout();

        Assert.Equal(3, run.ExitCode);
        using var document = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(3, document.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal("IntegrityFailure", document.RootElement.GetProperty("error").GetString());
        Assert.Equal(["share 1", "share 2"], document.RootElement.GetProperty("sources").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task SplitInFile_CombineOutFile_RoundTripsWithPrivateMode()
    {
        // Arrange
        using var folder = new TempDirectory();
        var secretFile = folder.Combine("secret.bin");
        var outFile = folder.Combine("recovered.bin");
        byte[] binary = [0, 255, 10, 13, 0, 7];
        await File.WriteAllBytesAsync(secretFile, binary);

        // Act
        var split = await CliRun.RunAsync(["shares", "split", "-n", "2", "-m", "2", "--in", secretFile]).DefaultTimeout();
        var combined = await CliRun.RunAsync(["shares", "combine", "--out", outFile, .. split.OutputLines]).DefaultTimeout();

        // Assert
        Assert.Equal(0, combined.ExitCode);
        Assert.Empty(combined.StandardOutputBytes);
        Assert.Equal(binary, await File.ReadAllBytesAsync(outFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(outFile));
        }
    }

    [Fact]
    public async Task Run_CancelledToken_ExitsWith130()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var run = await CliRun.RunAsync(["shares", "split", "-n", "3", "-m", "2"], Secret, cancellation.Token).DefaultTimeout();

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("cancelled", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ShowsSharesCommandAndRawWarning()
    {
        var root = await CliRun.RunAsync(["--help"]).DefaultTimeout();
        var split = await CliRun.RunAsync(["shares", "split", "--help"]).DefaultTimeout();

        Assert.Equal(0, root.ExitCode);
        Assert.Contains("shares", root.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--json", root.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Raw shares have NO integrity", split.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>Flips a bit in the first y byte of a base64 sealed share (offset 7 + 63 for a 36-character key id).</summary>
    private static string Corrupt(string sealedShare)
    {
        var bytes = Convert.FromBase64String(sealedShare["hydra-share-v1:".Length..]);
        bytes[7 + 63] ^= 0x01;
        return "hydra-share-v1:" + Convert.ToBase64String(bytes);
    }
}
