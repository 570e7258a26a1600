using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Bridge.Tests;

/// <summary>Who may send, and what happens when the cluster cannot take the keys: nothing is acknowledged unless recoverable.</summary>
public sealed class AdmissionTests : IAsyncLifetime
{
    private readonly DevPkiFixture _pki = new();
    private TestCluster _cluster = null!;
    private TestBridge _bridge = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync(_pki.Pki);
        _bridge = await TestBridge.StartAsync(_pki.Pki, _cluster, options => options.AllowedSenders = ["HOSPITAL"]);
    }

    public async Task DisposeAsync()
    {
        await _bridge.DisposeAsync();
        await _cluster.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task Storescu_FromAnUnlistedAeTitle_IsRejected_AndNothingIsStored()
    {
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, 1, size: 32);

        var result = await _bridge.StorescuAsync(study.Files, callingAeTitle: "INTRUDER");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Association Rejected", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _bridge.Node.CatalogCount);
    }

    [Fact]
    public async Task Storescu_WithTooFewNodesUp_IsRefusedOutOfResources_AndNothingIsKept()
    {
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, 2, size: 32);
        await _cluster.StopNodeAsync(1);
        await _cluster.StopNodeAsync(2);

        var result = await _bridge.StorescuAsync(study.Files, verbose: true);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Refused: OutOfResources", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, _bridge.Node.CatalogCount);
        Assert.Equal(0, _bridge.Node.PendingHandoffCount);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_bridge.DataDirectory, "objects"), "*.hydra", SearchOption.AllDirectories));
    }
}
