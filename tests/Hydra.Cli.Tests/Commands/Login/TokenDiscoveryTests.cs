using System.Globalization;
using Hydra.Cli.Tests.Support;
using Hydra.Cli.Tokens;
using Hydra.Testing;

namespace Hydra.Cli.Tests.Commands.Login;

/// <summary>
/// WLCG Bearer Token Discovery with real files and modes: each source wins over the later ones, absent default files
/// are skipped, and every refusal names the source but never the token.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TokenDiscoveryTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string Runtime => _folder.Combine("runtime");

    private string Shared => _folder.Combine("tmp");

    private static string BtName => "bt_u" + Cli.Connection.CliEnvironment.Process().UserId!.Value.ToString(CultureInfo.InvariantCulture);

    public TokenDiscoveryTests()
    {
        Directory.CreateDirectory(Runtime);
        Directory.CreateDirectory(Shared);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Discover_EachSourceWinsOverTheLaterOnes()
    {
        // Arrange: a different token in every source.
        var explicitFile = Write("explicit", "token-from-option");
        var namedFile = Write("named", "token-from-named-file");
        Write(Path.Combine("runtime", BtName), "token-from-runtime-dir");
        Write(Path.Combine("tmp", BtName), "token-from-tmp");
        var variables = new Dictionary<string, string?>
        {
            ["BEARER_TOKEN"] = "  token-from-variable\n",
            ["BEARER_TOKEN_FILE"] = namedFile,
            ["XDG_RUNTIME_DIR"] = Runtime,
        };

        // Act: take the winner away, one source at a time.
        var found = new List<string?> { Discover(explicitFile, variables)?.Token };
        foreach (var variable in new[] { "BEARER_TOKEN", "BEARER_TOKEN_FILE", "XDG_RUNTIME_DIR" })
        {
            found.Add(Discover(null, variables)?.Token);
            variables[variable] = null;
        }

        found.Add(Discover(null, variables)?.Token);
        File.Delete(Path.Combine(Shared, BtName));
        found.Add(Discover(null, variables)?.Token);

        // Assert
        Assert.Equal(
            ["token-from-option", "token-from-variable", "token-from-named-file", "token-from-runtime-dir", "token-from-tmp", null],
            found);
    }

    [Fact]
    public void Discover_RuntimeDirWithoutTheFile_FallsBackToTmp()
    {
        Write(Path.Combine("tmp", BtName), "token-from-tmp\n");

        var token = Discover(null, new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = Runtime });

        Assert.Equal("token-from-tmp", token?.Token);
        Assert.Contains(Path.Combine(Shared, BtName), token!.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_FileOpenToOthers_IsRefusedNamingTheFixButNotTheToken()
    {
        var file = Write(Path.Combine("tmp", BtName), "planted-or-careless-token");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = Assert.Throws<BearerTokenException>(() => Discover(null, new()));

        Assert.Equal(BearerTokenProblem.Insecure, refused.Problem);
        Assert.Contains("mode 0644", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 '{file}'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("planted-or-careless-token", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has a space inside", "Malformed")]
    [InlineData("quote\"d", "Malformed")]
    [InlineData("pad=ding=inside", "Malformed")]
    [InlineData("tökén", "Malformed")]
    [InlineData(" \n\t ", "Empty")]
    public void Discover_TextThatIsNoRfc6750Token_IsRefusedWithoutEchoingIt(string text, string problemName)
    {
        var problem = Enum.Parse<BearerTokenProblem>(problemName);
        var file = Write("named", text);

        var fromFile = Assert.Throws<BearerTokenException>(() => Discover(null, new Dictionary<string, string?> { ["BEARER_TOKEN_FILE"] = file }));
        var fromOption = Assert.Throws<BearerTokenException>(() => Discover(file, new()));

        Assert.Equal(problem, fromFile.Problem);
        Assert.Equal(problem, fromOption.Problem);
        Assert.Contains("BEARER_TOKEN_FILE", fromFile.Message, StringComparison.Ordinal);
        Assert.Contains("--token-file", fromOption.Message, StringComparison.Ordinal);
        if (text.Trim().Length > 0)
        {
            Assert.DoesNotContain(text.Trim(), fromFile.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Discover_NamedFileThatDoesNotExist_IsAnErrorNotAFallThrough()
    {
        Write(Path.Combine("tmp", BtName), "token-from-tmp");
        var missing = _folder.Combine("missing");

        var refused = Assert.Throws<BearerTokenException>(() => Discover(null, new Dictionary<string, string?> { ["BEARER_TOKEN_FILE"] = missing }));

        Assert.Equal(BearerTokenProblem.Missing, refused.Problem);
        Assert.Contains(missing, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpiresAt_ReadsAJwtsExp_AndIgnoresOpaqueTokens()
    {
        var payload = System.Buffers.Text.Base64Url.EncodeToString("{\"exp\":1700000000,\"sub\":\"x\"}"u8);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), TokenText.ExpiresAt($"eyJhbGciOiJub25lIn0.{payload}.c2ln"));
        Assert.Null(TokenText.ExpiresAt("opaque-token"));
        Assert.Null(TokenText.ExpiresAt("a.b.c"));
    }

    private DiscoveredToken? Discover(string? tokenFile, Dictionary<string, string?> variables) =>
        TokenDiscovery.Discover(tokenFile, TestEnvironment.With(variables, shared: Shared));

    private string Write(string name, string text)
    {
        var path = _folder.Combine(name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
