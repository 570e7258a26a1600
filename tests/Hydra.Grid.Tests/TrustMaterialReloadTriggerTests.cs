using System.Diagnostics;
using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Testing.Pki;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Hydra.Grid.Tests;

/// <summary>What makes <see cref="TrustMaterial"/> reload on its own: the folder watch and the periodic timer.</summary>
[Collection(GridPkiCollection.Name)]
public sealed class TrustMaterialReloadTriggerTests(DevPkiFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly DevPki _pki = fixture.Pki;
    private readonly ListLogger _logger = new();

    [Fact]
    public async Task Watch_CrlReplacedAsFetchCrlDoes_TakesEffectWithinSeconds()
    {
        // Arrange: the real clock drives the 1 s debounce; the timer is an hour away.
        var folders = TrustFolders.Copy(fixture);
        using var material = new TrustMaterial(folders.Settings(TimeSpan.FromHours(1)), TimeProvider.System, _logger);
        var hosts = material.HostValidator();
        var node1 = _pki.Host("node1").Certificate;
        var generation = material.Generation;

        // Act: written aside, then renamed over the old CRL.
        var clock = Stopwatch.StartNew();
        var staged = Path.Combine(folders.Trust, "crl.tmp");
        _pki.IssueCrl([node1], staged);
        File.Move(staged, folders.CrlFile(_pki), overwrite: true);
        await WaitUntilAsync(() => hosts.Check([node1], "localhost") is not null, TimeSpan.FromSeconds(15));
        output.WriteLine($"The watch reloaded {clock.Elapsed.TotalMilliseconds:N0} ms after the first write.");

        // Assert: refused by the validator made before, after the debounce, by a reload that counted.
        Assert.Contains("was revoked", hosts.Check([node1], "localhost"), StringComparison.Ordinal);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"reloaded after {clock.Elapsed}, before the 1 s debounce");
        Assert.True(material.Generation > generation);
    }

    [Fact]
    public void Timer_NoChange_ReloadsOncePerIntervalOfTheInjectedClock()
    {
        // Arrange: nothing changes on disk, so only the timer can reload.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var folders = TrustFolders.Copy(fixture);
        using var material = new TrustMaterial(folders.Settings(Interval), time, _logger);

        // Act + Assert
        time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(0, material.Generation);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, material.Generation);
        time.Advance(Interval);
        Assert.Equal(2, material.Generation);
    }

    [Fact]
    public void Timer_FolderSwappedBehindSymlink_TakesEffectAtTheNextInterval()
    {
        // Arrange: the trust directory is a symlink. The watch follows the folder it pointed to when it started, so
        // repointing the link is a change only the periodic reload can see.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var folders = TrustFolders.Copy(fixture);
        var link = Path.Combine(Path.GetDirectoryName(folders.Trust)!, "current");
        Directory.CreateSymbolicLink(link, folders.Trust);
        var settings = new TrustSettings(link, folders.Voms, ["node1.hydra-dev.org"]) { ReloadInterval = Interval };
        using var material = new TrustMaterial(settings, time, _logger);
        var reader = _pki.User(DevUser.Reader).Certificate;

        var next = Path.Combine(Path.GetDirectoryName(folders.Trust)!, "certificates-next");
        TrustFolders.CopyDirectory(folders.Trust, next);
        _pki.IssueCrl([reader], Path.Combine(next, _pki.CaHash + ".r0"));

        // Act
        Directory.Delete(link);
        Directory.CreateSymbolicLink(link, next);
        var before = material.Generation;
        var acceptedBefore = material.ChainValidator.Validate([reader], time.GetUtcNow());
        time.Advance(Interval);

        // Assert: one reload (the timer's), and the new CRL is in force.
        Assert.Equal(0, acceptedBefore.ProxyDepth);
        Assert.Equal(before + 1, material.Generation);
        Assert.Equal(GridCredentialError.Revoked,
            Assert.Throws<GridCredentialException>(() => material.ChainValidator.Validate([reader], time.GetUtcNow())).Error);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails after <paramref name="limit"/>.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, $"the condition did not hold within {limit}");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
