using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hydra.CertsDev;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Hydra.Cli.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Oidc;

namespace Hydra.Cli.Tests.Commands.Login;

/// <summary>
/// <c>hydra login</c> against a real OpenID provider, approved by a headless user who reads the printed address and
/// code; then the token alone (no grid credential) reads a key the nodes grant to its group, and they audit it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class LoginCommandTests : IClassFixture<TokenCliFixture>
{
    private readonly TokenCliFixture _fixture;

    public LoginCommandTests(TokenCliFixture fixture) => _fixture = fixture;

    [GeneratedRegex(@"open (?<uri>\S+) and enter the code (?<code>\S+)")]
    private static partial Regex Prompt();

    [Fact]
    public async Task Login_ApprovedInTheBrowser_WritesTheTokenPrivatelyWhereDiscoveryFindsIt_AndItReadsAGroupKey()
    {
        // Arrange: a clinician (certificate) registers a key for the radiology group; alice has no grid credential.
        var register = await CliRun.RunAsync([.. _fixture.As(DevUser.Clinician), "key", "register", "--allow", "fqan:/hospital/radiology=g"]).DefaultTimeout();
        var keyId = register.StandardOutput.Trim();
        var expected = (await CliRun.RunAsync([.. _fixture.As(DevUser.Clinician), "key", "get", keyId]).DefaultTimeout()).StandardOutput;
        using var home = new TempDirectory();
        using var runtime = new TempDirectory();
        var alice = TestEnvironment.TokenOnly(home.Path, new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = runtime.Path });
        var tokenFile = Path.Combine(runtime.Path, "bt_u" + alice.UserId!.Value.ToString(CultureInfo.InvariantCulture));

        // Act: hydra login (issuer, client, scope and resource from the cluster file); alice approves what it printed.
        using var stdout = new MemoryStream();
        var stderr = new WatchedWriter();
        var prompt = stderr.WaitForAsync(Prompt());
        var login = HydraCli.RunAsync(["--cluster", _fixture.ClusterFile, "login"], new CliConsole(new MemoryStream(), stdout, stderr), alice, CancellationToken.None);
        var shown = await prompt.DefaultTimeout();
        await _fixture.Provider.ApproveDeviceAsync(new Uri(shown.Groups["uri"].Value), shown.Groups["code"].Value, "alice").DefaultTimeout();
        var exitCode = await login.DefaultTimeout();
        var get = await CliRun.RunAsync([.. _fixture.ClusterArguments, "key", "get", keyId], alice).DefaultTimeout();
        var officer = await CliRun.RunAsync([.. _fixture.As(DevUser.Officer), "--json", "audit", "--key-id", keyId]).DefaultTimeout();

        // Assert: a private file at $XDG_RUNTIME_DIR/bt_u<uid> holding a JWT for the nodes, never printed.
        Assert.True(exitCode == 0, stderr.Text);
        var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        Assert.Equal(3, token.Split('.').Length);
        var claims = JwtToken.Decode(token).Payload;
        Assert.Equal("alice", claims.GetProperty("sub").GetString());
        Assert.Equal(TokenCliFixture.Audience, claims.GetProperty("aud").GetString());
        var printed = System.Text.Encoding.UTF8.GetString(stdout.ToArray());
        Assert.Equal(tokenFile, printed.Trim());
        Assert.DoesNotContain(token, stderr.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], printed + stderr.Text, StringComparison.Ordinal);

        // The token alone rebuilds the key the clinician granted to /hospital/radiology ...
        Assert.True(get.ExitCode == 0, get.StandardError);
        Assert.Equal(expected, get.StandardOutput);
        Assert.DoesNotContain(token, get.StandardOutput + get.StandardError, StringComparison.Ordinal);

        // ... and the nodes audit the release to alice's oidc: principal.
        var records = JsonDocument.Parse(officer.StandardOutput).RootElement.GetProperty("records").EnumerateArray().ToList();
        var subject = $"oidc:{_fixture.Provider.IssuerText}#alice";
        Assert.True(records.Count(r => r.GetProperty("operation").GetString() == "GetShare"
            && r.GetProperty("outcome").GetString() == "allowed"
            && r.GetProperty("subject").GetString() == subject) >= _fixture.Cluster.Threshold, officer.StandardOutput);
    }

    [Fact]
    public async Task Login_JsonWithOutputFile_PrintsOneDocumentWithoutTheToken()
    {
        using var folder = new TempDirectory();
        var target = folder.Combine("nested", "token");
        var stderr = new WatchedWriter();
        using var stdout = new MemoryStream();
        var prompt = stderr.WaitForAsync(Prompt());

        var login = HydraCli.RunAsync(
            ["--json", "login", "--issuer", _fixture.Provider.IssuerText, "--client-id", OidcClients.DeviceId, "--scope", TokenCliFixture.Scope,
             "--resource", TokenCliFixture.Audience, "--output", target],
            new CliConsole(new MemoryStream(), stdout, stderr), TestEnvironment.WithoutTokens(), CancellationToken.None);
        var shown = await prompt.DefaultTimeout();
        await _fixture.Provider.ApproveDeviceAsync(new Uri(shown.Groups["uri"].Value), shown.Groups["code"].Value, "bob").DefaultTimeout();
        var exitCode = await login.DefaultTimeout();

        Assert.True(exitCode == 0, stderr.Text);
        var token = (await File.ReadAllTextAsync(target)).Trim();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        var document = JsonDocument.Parse(stdout.ToArray()).RootElement;
        Assert.Equal(target, document.GetProperty("tokenFile").GetString());
        Assert.Equal(_fixture.Provider.IssuerText, document.GetProperty("issuer").GetString());
        Assert.Equal(TokenCliFixture.Audience, document.GetProperty("resource").GetString());
        Assert.True(document.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal("bob", JwtToken.Decode(token).Payload.GetProperty("sub").GetString());
        Assert.DoesNotContain(token, System.Text.Encoding.UTF8.GetString(stdout.ToArray()) + stderr.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_CancelledWhileWaiting_Exits130AndWritesNothing()
    {
        using var folder = new TempDirectory();
        var target = folder.Combine("token");
        var stderr = new WatchedWriter();
        var prompt = stderr.WaitForAsync(Prompt());
        using var cancellation = new CancellationTokenSource();

        var login = HydraCli.RunAsync(
            ["--cluster", _fixture.ClusterFile, "login", "--output", target],
            new CliConsole(new MemoryStream(), new MemoryStream(), stderr), TestEnvironment.WithoutTokens(), cancellation.Token);
        await prompt.DefaultTimeout();
        await cancellation.CancelAsync();
        var exitCode = await login.DefaultTimeout();

        Assert.Equal(130, exitCode);
        Assert.False(File.Exists(target));
    }

    [Theory]
    [InlineData("http://iam.example.org/", "uses http")]
    [InlineData("ftp://iam.example.org/", "not an https URL")]
    public async Task Login_IssuerOffHttps_IsAUsageErrorBeforeAnyRequest(string issuer, string expected)
    {
        var run = await CliRun.RunAsync(["login", "--issuer", issuer, "--output", "/nonexistent/token"]).DefaultTimeout();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ClientTheIssuerDoesNotKnow_IsRefusedWithTheIssuersReason()
    {
        using var folder = new TempDirectory();

        var run = await CliRun.RunAsync(
            ["--json", "login", "--issuer", _fixture.Provider.IssuerText, "--client-id", "nobody", "--output", folder.Combine("token")]).DefaultTimeout();

        Assert.Equal(4, run.ExitCode);
        var document = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal("LoginRefused", document.GetProperty("error").GetString());
        Assert.Contains("invalid_client", document.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("token")));
    }
}
