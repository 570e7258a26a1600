using System.Text.Json;
using Hydra.Bridge.Tests.Support;
using Hydra.Testing;

namespace Hydra.Bridge.Tests.DicomWeb.PeerTests;

/// <summary>
/// curl (OpenSSL, HTTP/2, the reader's certificate, the dev CA) sending what no well-behaved client sends: malformed
/// STOW-RS bodies, QIDO with an unknown attribute, UIDs that try to leave their folder. Each gets its PS3.18 status and a
/// problem answer naming what was wrong; nothing is stored, and the bridge keeps serving.
/// </summary>
[Collection(BridgePeerCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CurlRawProtocolTests
{
    private readonly BridgePeerFixture _fixture;

    public CurlRawProtocolTests(BridgePeerFixture fixture) => _fixture = fixture;

    /// <summary>Runs curl against <c>/dicom-web/PATH</c> as the reader; returns the status and the body.</summary>
    private async Task<(int Status, string Body)> CurlAsync(string path, params string[] extra)
    {
        using var scratch = new TempDirectory("hydra-curl");
        var body = scratch.Combine("body");
        var curl = Peers.Require("curl", "curl");
        var result = await ProcessRunner.RunAsync(curl, [
            "--silent", "--show-error", "--http2", "--path-as-is", "--cacert", _fixture.Pki.CaCertificatePath,
            "--cert", _fixture.ReaderCertificateFile, "--key", _fixture.ReaderKeyFile,
            "--output", body, "--write-out", "%{http_code}", .. extra, _fixture.DicomWebRoot + path], timeout: TaskTimeoutExtensions.DefaultTimeoutSpan);
        Assert.True(result.ExitCode == 0, result.Output);
        return (int.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture), File.Exists(body) ? await File.ReadAllTextAsync(body) : string.Empty);
    }

    /// <summary>Writes a STOW body file; returns curl's arguments to POST it with <paramref name="contentType"/>.</summary>
    private static string[] Post(TempDirectory scratch, string contentType, string body)
    {
        var path = scratch.Combine("stow-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, body.ReplaceLineEndings("\r\n"));
        return ["-X", "POST", "-H", "Content-Type: " + contentType, "--data-binary", "@" + path];
    }

    private static string Detail(string body)
    {
        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.GetProperty("error").GetString() ?? string.Empty;
    }

    [Fact]
    public async Task MalformedStowBodies_400_415_Or409_NothingStored_BridgeStillAnswers()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-curl");
        var storedBefore = _fixture.Bridge.StoredFiles().Count(path => path.EndsWith(".hydra", StringComparison.Ordinal));
        const string part = "--b1\nContent-Type: application/dicom\n\nnot a DICOM file at all\n--b1--\n";

        // Act
        var noBoundary = await CurlAsync("studies", Post(scratch, "multipart/related; type=\"application/dicom\"", part));
        var truncated = await CurlAsync("studies", Post(scratch, "multipart/related; type=\"application/dicom\"; boundary=b1", "--b1\nContent-Type: application/dicom\n\nDICM"));
        var wrongType = await CurlAsync("studies", Post(scratch, "application/json", "{}"));
        var notDicom = await CurlAsync("studies", Post(scratch, "multipart/related; type=\"application/dicom\"; boundary=b1", part));
        var after = await CurlAsync("studies?limit=1", "-H", "Accept: application/dicom+json");

        // Assert: PS3.18 10.5.3 - malformed request 400, unsupported media type 415, every instance failed (a part that
        // is not DICOM, or cut short by the end of the body) 409.
        Assert.Equal(400, noBoundary.Status);
        Assert.Contains("boundary", Detail(noBoundary.Body), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(409, truncated.Status);
        Assert.Equal(415, wrongType.Status);
        Assert.Equal(409, notDicom.Status);
        Assert.Equal(storedBefore, _fixture.Bridge.StoredFiles().Count(path => path.EndsWith(".hydra", StringComparison.Ordinal)));
        Assert.Equal(200, after.Status);
    }

    [Fact]
    public async Task QidoWithAnUnknownAttribute_400NamingIt()
    {
        var (status, body) = await CurlAsync("studies?NoSuchKeyword=1", "-H", "Accept: application/dicom+json");

        Assert.Equal(400, status);
        Assert.Contains("NoSuchKeyword", Detail(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("studies/..%2F..%2Fbridge.db/series")]
    [InlineData("studies/1.2.3/series/..%2Fsecret/instances")]
    [InlineData("studies/1.2.3/series/%2E%2E%2F%2E%2E/metadata")]
    [InlineData("studies/1.2.3/series/4.5.6/instances/a.b.c/rendered")]
    public async Task UidOutsideDicomSyntaxInAPath_400NamingTheSegment_NothingElseReached(string path)
    {
        var (status, body) = await CurlAsync(path, "-H", "Accept: */*");

        Assert.Equal(400, status);
        Assert.Contains("UID", Detail(body), StringComparison.OrdinalIgnoreCase);
        Assert.False(Leaks.Contains(System.Text.Encoding.UTF8.GetBytes(body)));
    }
}
