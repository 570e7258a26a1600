using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;

namespace Hydra.Bridge.Tests;

/// <summary>
/// The bridge run as its own process under the usual umask (022, which leaves plain new files 0644 and folders 0755):
/// everything it writes in its data folder (catalog and hand-off queue database, its log, the de-identification
/// secret, encrypted and quarantined objects) is 0600, in folders 0700.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests : IClassFixture<ClusterFixture>
{
    private readonly TestCluster _cluster;
    private readonly DevPki _pki;

    public FileModeTests(ClusterFixture fixture)
    {
        _cluster = fixture.Cluster;
        _pki = fixture.Pki;
    }

    private static string Mode(string path) => "0" + Convert.ToString((int)File.GetUnixFileMode(path), 8);

    [Fact]
    public async Task BridgeProcessUnderUmask022_WritesFiles0600_InFolders0700()
    {
        // Arrange: a bridge with no data folder yet, so the process creates all of it.
        await using var bridge = await TestBridge.StartAsync(_pki, _cluster);
        await bridge.StopAsync();
        Directory.Delete(bridge.DataDirectory, recursive: true);
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Combine("clean"), 3, size: 32);
        var burnedIn = SampleStudy.Write(scratch.Combine("face"), 1, size: 32, recognizableFace: true);

        // Act
        var (child, port) = await bridge.StartChildAsync(umask: "022");
        ProcessResult sent;
        using (child)
        {
            sent = await Dcmtk.RunAsync("storescu", [
                "-aet", "HOSPITAL", "-aec", "HYDRA", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                .. study.Files, .. burnedIn.Files]).DefaultTimeout();
        }

        // Assert: what was stored is all there, and all of it is the bridge's alone.
        Assert.True(sent.ExitCode == 0, sent.Output);
        var data = bridge.DataDirectory;
        var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
        Assert.Superset(
            new[] { "bridge.db", "bridge-log.db", "bridge.secret" }.Select(name => Path.Combine(data, name)).ToHashSet(), files.ToHashSet());
        Assert.Equal(3, Directory.GetFiles(Path.Combine(data, "objects"), "*.hydra", SearchOption.AllDirectories).Count(f => !f.Contains("quarantine", StringComparison.Ordinal)));
        Assert.Single(Directory.GetFiles(Path.Combine(data, "objects", "quarantine")));
        Assert.All(files, file => Assert.True(Mode(file) == "0600", $"{file} is {Mode(file)}"));
        Assert.All(Directory.GetDirectories(data, "*", SearchOption.AllDirectories).Append(data), folder => Assert.True(Mode(folder) == "0700", $"{folder} is {Mode(folder)}"));
    }
}
