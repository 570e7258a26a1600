using System.Text.Json;
using Hydra.CertsDev;
using Hydra.Cli.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Oidc;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Cli.Tests.Commands.Login;

/// <summary>
/// hydra commands as token holders against real nodes that trust a real provider: which token wins, what the nodes
/// say you are, and the errors of someone with nothing usable.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TokenCallerTests : IClassFixture<TokenCliFixture>, IDisposable
{
    private readonly TokenCliFixture _fixture;
    private readonly TempDirectory _home = new();

    public TokenCallerTests(TokenCliFixture fixture) => _fixture = fixture;

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task ClusterStatus_TokenFileOptionWinsOverBearerToken_AndTheNodesNameTheHolderAndGroups()
    {
        // Arrange: bob's token in the environment, alice's in a file given by --token-file.
        var aliceFile = await WriteTokenAsync("alice.token", await _fixture.TokenOfAsync("alice"));
        var environment = TestEnvironment.TokenOnly(_home.Path, new Dictionary<string, string?> { ["BEARER_TOKEN"] = await _fixture.TokenOfAsync("bob") });

        // Act
        var withOption = await CliRun.RunAsync([.. _fixture.ClusterArguments, "--json", "cluster", "status", "--token-file", aliceFile], environment).DefaultTimeout();
        var fromVariable = await CliRun.RunAsync([.. _fixture.ClusterArguments, "--json", "cluster", "status"], environment).DefaultTimeout();
        var human = await CliRun.RunAsync([.. _fixture.ClusterArguments, "cluster", "status"], environment).DefaultTimeout();

        // Assert
        Assert.True(withOption.ExitCode == 0, withOption.StandardError);
        var alice = JsonDocument.Parse(withOption.StandardOutput).RootElement;
        Assert.All(alice.GetProperty("nodes").EnumerateArray(), node =>
        {
            Assert.Equal($"oidc:{_fixture.Provider.IssuerText}#alice", node.GetProperty("callerSubject").GetString());
            Assert.Equal(["/hospital/radiology"], node.GetProperty("callerFqans").EnumerateArray().Select(f => f.GetString()));
        });
        Assert.Contains("--token-file", alice.GetProperty("token").GetProperty("source").GetString(), StringComparison.Ordinal);
        var bob = JsonDocument.Parse(fromVariable.StandardOutput).RootElement;
        Assert.Equal($"oidc:{_fixture.Provider.IssuerText}#bob", bob.GetProperty("nodes")[0].GetProperty("callerSubject").GetString());
        Assert.Equal("$BEARER_TOKEN", bob.GetProperty("token").GetProperty("source").GetString());
        Assert.Contains("groups /hospital/cardiology", human.StandardError, StringComparison.Ordinal);
        Assert.Contains("no client certificate", human.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyGet_TokenWithoutTheGroup_IsRefusedAndCertificateStillWorksWithNoToken()
    {
        var keyId = (await CliRun.RunAsync([.. _fixture.As(DevUser.Clinician), "key", "register", "--allow", "fqan:/hospital/radiology=g"]).DefaultTimeout())
            .StandardOutput.Trim();
        var bobFile = await WriteTokenAsync("bob.token", await _fixture.TokenOfAsync("bob"));
        var environment = TestEnvironment.With(new Dictionary<string, string?> { ["BEARER_TOKEN_FILE"] = bobFile });

        // bob's token names him even beside the clinician's certificate, which then only secures the channel.
        var asBob = await CliRun.RunAsync([.. _fixture.As(DevUser.Clinician), "key", "get", keyId], environment).DefaultTimeout();
        var asClinician = await CliRun.RunAsync([.. _fixture.As(DevUser.Clinician), "--no-token", "key", "get", keyId], environment).DefaultTimeout();

        Assert.Equal(4, asBob.ExitCode);
        Assert.Contains("may not get the share", asBob.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, asClinician.ExitCode);
        Assert.Matches("^[0-9a-f]{64}$", asClinician.StandardOutput.Trim());
    }

    [Fact]
    public async Task KeyGet_ExpiredToken_Exits4TellingTheUserToLogIn()
    {
        var token = await _fixture.TokenOfAsync("alice");
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2));
        var environment = TestEnvironment.TokenOnly(_home.Path, new Dictionary<string, string?> { ["BEARER_TOKEN"] = token }, time: later);

        var run = await CliRun.RunAsync([.. _fixture.ClusterArguments, "--json", "key", "get", "any-key"], environment).DefaultTimeout();

        Assert.Equal(4, run.ExitCode);
        var document = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal("TokenExpired", document.GetProperty("error").GetString());
        Assert.Contains("run 'hydra login'", document.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("$BEARER_TOKEN", document.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyGet_TokenTheNodesFindExpired_Exits4TellingTheUserToLogIn()
    {
        // Arrange: a token that has expired at the nodes (no leeway) while hydra's clock still thinks it valid.
        var response = await _fixture.ShortLived.DeviceFlowAsync("alice", TokenCliFixture.Audience, TokenCliFixture.Scope).DefaultTimeout();
        var issued = DateTimeOffset.FromUnixTimeSeconds(response.Jwt.Payload.GetProperty("iat").GetInt64());
        var expires = DateTimeOffset.FromUnixTimeSeconds(response.Jwt.Payload.GetProperty("exp").GetInt64());
        await WaitUntilAsync(expires.AddSeconds(1));
        var environment = TestEnvironment.TokenOnly(
            _home.Path, new Dictionary<string, string?> { ["BEARER_TOKEN"] = response.AccessToken }, time: new FakeTimeProvider(issued));

        // Act
        var run = await CliRun.RunAsync([.. _fixture.ClusterArguments, "key", "get", "any-key"], environment).DefaultTimeout();

        // Assert
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("(Expired)", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("Your bearer token has expired: run 'hydra login'", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(response.AccessToken, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_NoGridCredentialAndNoToken_SaysWhereItLookedAndToLogIn()
    {
        var environment = TestEnvironment.TokenOnly(_home.Path, new Dictionary<string, string?>());

        var run = await CliRun.RunAsync([.. _fixture.ClusterArguments, "--json", "cluster", "status"], environment).DefaultTimeout();

        Assert.Equal(1, run.ExitCode);
        var document = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal("CredentialNotFound", document.GetProperty("error").GetString());
        var message = document.GetProperty("message").GetString()!;
        Assert.Contains("no bearer token", message, StringComparison.Ordinal);
        Assert.Contains("$BEARER_TOKEN_FILE", message, StringComparison.Ordinal);
        Assert.Contains("hydra login", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_TokenFileOpenToOthers_IsRefusedBeforeAnythingIsSent()
    {
        var token = await _fixture.TokenOfAsync("alice");
        var file = await WriteTokenAsync("open.token", token);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var run = await CliRun.RunAsync(
            [.. _fixture.ClusterArguments, "--json", "cluster", "status", "--token-file", file], TestEnvironment.TokenOnly(_home.Path, new Dictionary<string, string?>()))
            .DefaultTimeout();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("TokenInsecure", JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("error").GetString());
        Assert.Contains("chmod 600", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(token, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Waits for the real clock (the nodes' clock) to pass <paramref name="moment"/>: a second or two here.</summary>
    private static async Task WaitUntilAsync(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait).DefaultTimeout();
        }
    }

    private async Task<string> WriteTokenAsync(string name, string token)
    {
        var path = _home.Combine(name);
        await File.WriteAllTextAsync(path, token + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
