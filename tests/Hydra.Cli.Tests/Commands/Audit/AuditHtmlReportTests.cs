using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Hydra.CertsDev;
using Hydra.Testing;

namespace Hydra.Cli.Tests.Commands.Audit;

/// <summary>The HTML report, opened by the real browser (headless Chromium, offline) and checked in its DOM.</summary>
public sealed class AuditHtmlReportTests : IClassFixture<AuditCliFixture>
{
    private readonly AuditCliFixture _fixture;

    public AuditHtmlReportTests(AuditCliFixture fixture) => _fixture = fixture;

    private static Task<ProcessResult> ChromiumAsync(string profile, params string[] args) =>
        ProcessRunner.RunAsync(Peers.Require("chromium", "chromium"),
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", .. args,
        ], timeout: TimeSpan.FromSeconds(90));

    [Fact]
    public async Task Audit_HtmlReport_RendersInHeadlessChromiumWithVerdictsFlagsAndSubjects()
    {
        var keys = await _fixture.RegisterStudyAsync(3, DevUser.Reader);
        await _fixture.FetchAsync(DevUser.Reader, keys[0]);
        await _fixture.FetchAsync(DevUser.Reader, keys[1]);
        await Assert.ThrowsAnyAsync<Exception>(() => _fixture.FetchAsync(DevUser.Researcher, keys[2]));
        await _fixture.SealAllAsync();
        using var folder = new TempDirectory("hydra-audit-html");
        var page = folder.Combine("report.html");

        var run = await _fixture.HydraAsync(DevUser.Officer, "audit", "--format", "html", "--out", page);
        var dom = await ChromiumAsync(folder.Combine("profile-dom"), "--dump-dom", new Uri(page).AbsoluteUri);
        var shot = await ChromiumAsync(folder.Combine("profile-shot"), $"--screenshot={folder.Combine("report.png")}", "--window-size=1400,1000",
            "--hide-scrollbars", new Uri(page).AbsoluteUri);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.StandardOutput);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(page));
        }

        Assert.Equal(0, dom.ExitCode);
        var html = dom.StandardOutput;
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            Assert.Matches($"<article class=\"card ok\" data-node=\"{node}\" data-verdict=\"verified\">", html);
        }

        Assert.Matches("<header class=\"banner ok\" data-verdict=\"Verified\">", html);
        var reader = Regex.Escape(_fixture.Dn(DevUser.Reader));
        foreach (var key in keys.Take(2))
        {
            Assert.Matches($"<tr id=\"flag-R[0-9]+\" class=\"flag flag-reconstruction\" data-kind=\"Reconstruction\" data-subject=\"{reader}\" data-key=\"{Regex.Escape(key)}\">", html);
        }

        Assert.Matches($"<tr id=\"flag-X[0-9]+\" class=\"flag flag-refusal\" data-kind=\"Refusal\" data-subject=\"{Regex.Escape(_fixture.Dn(DevUser.Researcher))}\" data-key=\"{Regex.Escape(keys[2])}\">", html);
        Assert.Matches($"<tr data-subject=\"{reader}\">", html);
        Assert.Matches($"<tr class=\"warn\" data-subject=\"{Regex.Escape(_fixture.Dn(DevUser.Researcher))}\">", html);
        Assert.Matches($"<tr class=\"warn\" data-study=\"{Regex.Escape(keys[0].Split(':')[0])}\">", html);
        Assert.Matches("<svg id=\"timeline\"", html);
        // The inline sort script ran in the browser, offline.
        Assert.Equal(4, Regex.Count(html, "<table id=\"[a-z-]+\" class=\"sortable\" data-sortable=\"ready\">"));

        Assert.Equal(0, shot.ExitCode);
        var png = await File.ReadAllBytesAsync(folder.Combine("report.png"));
        Assert.True(png.Length > 30_000, $"a {png.Length}-byte screenshot is too small to show the report");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal((1400, 1000), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }
}
