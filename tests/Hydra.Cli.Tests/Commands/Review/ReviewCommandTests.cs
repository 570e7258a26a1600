using System.Text.Json;
using Hydra.CertsDev;
using Hydra.Cli.Tests.Commands.Images;
using Hydra.Cli.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Cli.Tests.Commands.Review;

/// <summary>
/// <c>hydra quarantine</c> and <c>hydra redactions</c> against a real cluster and bridge: an image marked Burned In
/// Annotation YES is quarantined (no pixel cleaner here); the officer lists it, writes its thumbnail, keeps and then
/// releases it; a reader is refused with the Denied exit code.
/// </summary>
public sealed class ReviewCommandTests : IClassFixture<ImagesCliFixture>
{
    private readonly ImagesCliFixture _fixture;

    public ReviewCommandTests(ImagesCliFixture fixture) => _fixture = fixture;

    private Task<CliRun> As(string user, params string[] args) => CliRun.RunAsync([.. _fixture.As(user), .. args]).DefaultTimeout();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Officer_ListsThumbnailKeepsReleases_ReaderDenied()
    {
        // Arrange
        var sent = SampleStudy.Write(_fixture.NewFolder(), 1, size: 64, recognizableFace: true);
        var stored = await _fixture.Bridge.StorescuAsync(sent.Files);
        Assert.True(stored.ExitCode == 0, stored.Output);
        var png = _fixture.NewFolder() + ".png";

        // Act
        var list = await As(DevUser.Officer, "--json", "quarantine", "list");
        var id = JsonDocument.Parse(list.StandardOutput).RootElement.GetProperty("quarantine").EnumerateArray()
            .Single(q => q.GetProperty("reasonCode").GetString() == "RecognizableVisualFeatures").GetProperty("id").GetString()!;
        var thumbnail = await As(DevUser.Officer, "quarantine", "thumbnail", id, "--out", png);
        var keep = await As(DevUser.Officer, "--json", "quarantine", "keep", id);
        var release = await As(DevUser.Officer, "quarantine", "release", id);
        var table = await As(DevUser.Officer, "quarantine", "list");
        var redactions = await As(DevUser.Officer, "--json", "redactions", "list");
        var noThumbnail = await As(DevUser.Officer, "redactions", "thumbnail", "2.25.1", "--out", png + ".none");
        var reader = await As(DevUser.Reader, "quarantine", "list");

        // Assert
        Assert.True(list.ExitCode == 0, list.StandardError);
        Assert.True(thumbnail.ExitCode == 0, thumbnail.StandardError);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(png));
        Assert.True(keep.ExitCode == 0, keep.StandardError);
        Assert.Equal("kept", JsonDocument.Parse(keep.StandardOutput).RootElement.GetProperty("decision").GetString());
        Assert.True(release.ExitCode == 0, release.StandardError);
        Assert.StartsWith($"released {id} as ", release.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("released as", table.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(_fixture.Pki.User(DevUser.Officer).SubjectDn, table.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(JsonDocument.Parse(redactions.StandardOutput).RootElement.GetProperty("redactions").EnumerateArray());
        Assert.Equal(5, noThumbnail.ExitCode);
        Assert.Equal(4, reader.ExitCode);
        Assert.Contains("is not an officer", reader.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleStudy.Marker, list.StandardOutput + table.StandardOutput + release.StandardOutput, StringComparison.Ordinal);
    }
}
