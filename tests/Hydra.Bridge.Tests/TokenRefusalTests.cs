using System.Net;
using System.Net.Http.Json;
using Hydra.Bridge.Contract;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests;

/// <summary>
/// What the reader endpoint answers to bad bearer credentials (RFC 6750 section 3): a problem document saying why and a
/// <c>WWW-Authenticate: Bearer</c> challenge, never the token; and a real HTTPS peer, curl, taking a decrypted image
/// with a token read from a file.
/// </summary>
public sealed class TokenRefusalTests : IClassFixture<TokenBridgeFixture>
{
    private readonly TokenBridgeFixture _fixture;

    public TokenRefusalTests(TokenBridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    private DevPki Pki => _fixture.Pki;

    private async Task<(HttpStatusCode Status, string Challenge, string Error)> GetAsync(string? authorization, string path = "v1/images")
    {
        using var raw = new RawReader(Bridge, Pki.TrustDirectory);
        using var response = await raw.GetAsync(path, authorization);
        var problem = await response.Content.ReadFromJsonAsync(BridgeJsonContext.Default.ProblemMessage).DefaultTimeout();
        return (response.StatusCode, response.Headers.WwwAuthenticate.ToString(), problem!.Error);
    }

    [Fact]
    public async Task ExpiredToken_401InvalidToken_NamingExpiry_WithoutTheToken()
    {
        // Arrange: a one-second token from the provider the bridge trusts without clock skew; wait until it is past.
        var token = await _fixture.TokenAsync(TokenBridgeFixture.Radiologist, provider: _fixture.ShortLived);
        var expires = DateTimeOffset.FromUnixTimeSeconds(JwtToken(token).GetProperty("exp").GetInt64());
        var wait = expires - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.2);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        // Act
        var (status, challenge, error) = await GetAsync("Bearer " + token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("Bearer realm=\"hydra-bridge\", error=\"invalid_token\", error_description=\"", challenge, StringComparison.Ordinal);
        Assert.Contains("(Expired)", error, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error + challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenForAnotherAudience_401InvalidToken_NamingTheAudience()
    {
        var token = await _fixture.TokenAsync(TokenBridgeFixture.Radiologist, "https://elsewhere.hydra.test");

        var (status, challenge, error) = await GetAsync("Bearer " + token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("(WrongAudience)", error, StringComparison.Ordinal);
        Assert.Contains("(WrongAudience)", challenge, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("Bearer not a token")]
    [InlineData("Bearer abc\"def")]
    public async Task MalformedBearerHeader_400InvalidRequest(string authorization)
    {
        var (status, challenge, error) = await GetAsync(authorization);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("error=\"invalid_request\"", challenge, StringComparison.Ordinal);
        Assert.Contains("b64token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherScheme_401WithBareBearerChallenge()
    {
        var (status, challenge, error) = await GetAsync("Basic YWxpY2U6c2VjcmV0");

        // RFC 6750 section 3: a request using another method gets the challenge without an error code.
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Bearer realm=\"hydra-bridge\"", challenge);
        Assert.Contains("scheme other than Bearer", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeitherCertificateNorToken_401WithBareBearerChallenge()
    {
        var (status, challenge, error) = await GetAsync(authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Bearer realm=\"hydra-bridge\"", challenge);
        Assert.Contains("client certificate or a bearer token", error, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Curl_WithTokenFromAFile_SavesTheDecryptedImage_DcmdumpReadsIt()
    {
        // Arrange: an image, and the radiologist's token in a 0600 header file (curl reads it: no token on any command line).
        using var scratch = new TempDirectory("hydra-curl");
        var token = await _fixture.TokenAsync(TokenBridgeFixture.Radiologist);
        var lister = Bridge.ConnectReader(token);
        var before = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();
        var sent = await Bridge.StorescuAsync(SampleStudy.Write(scratch.Combine("sent"), 1, size: 64).Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var image = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Single(i => !before.Contains(i.SopInstanceUid));
        var headers = scratch.Combine("authorization.txt");
        var ownerOnly = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await using (var writer = new StreamWriter(headers, ownerOnly))
        {
            await writer.WriteAsync("Authorization: Bearer " + token + "\n");
        }

        var saved = scratch.Combine("image.dcm");
        var curl = Peers.Require("curl", "curl");

        // Act
        var fetched = await ProcessRunner.RunAsync(curl, [
            "--silent", "--show-error", "--fail", "--http2", "--cacert", Pki.CaCertificatePath, "-H", "@" + headers,
            "--output", saved, new Uri(Bridge.ReaderAddress, $"v1/images/{image.SopInstanceUid}/dicom").ToString()], timeout: TaskTimeoutExtensions.DefaultTimeoutSpan);
        var dumped = await Dcmtk.RunAsync("dcmdump", ["+P", "SOPInstanceUID", "+P", "PatientIdentityRemoved", saved]);

        // Assert
        Assert.True(fetched.ExitCode == 0, fetched.Output);
        Assert.True(dumped.ExitCode == 0, dumped.Output);
        Assert.Contains(image.SopInstanceUid, dumped.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[YES]", dumped.StandardOutput, StringComparison.Ordinal);
        Assert.False(Leaks.Contains(File.ReadAllBytes(saved)), "the saved image carries an identifying value");
    }

    private static System.Text.Json.JsonElement JwtToken(string token) => Hydra.Testing.Oidc.JwtToken.Decode(token).Payload;
}
