using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
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
        Assert.Equal(0, (await _bridge.Node.CatalogCountAsync()));
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
        Assert.Equal(0, (await _bridge.Node.CatalogCountAsync()));
        Assert.Equal(0, (await _bridge.Node.PendingHandoffCountAsync()));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_bridge.DataDirectory, "objects"), "*.hydra", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Storescu_AfterTheQuorumIsLost_IsAcknowledgedOnlyWhileKeysRegisteredAheadLast_ThenRefused_AndNothingIsLost()
    {
        // Arrange: a bridge with pools of 4 keys; the patient's pool starts at 1 key and doubles, so one image leaves 2
        // registered keys ready (the refill after its take); then 2 of 3 nodes stop.
        await using var bridge = await TestBridge.StartAsync(_pki.Pki, _cluster, options => options.Ingest.KeyPoolSize = 4);
        using var scratch = new TempDirectory("hydra-study");
        var first = SampleStudy.Write(Path.Combine(scratch.Path, "first"), 1, size: 32);
        Assert.Equal(0, (await bridge.StorescuAsync(first.Files)).ExitCode);
        await bridge.Node.KeyRefillsSettledAsync();
        await _cluster.StopNodeAsync(1);
        await _cluster.StopNodeAsync(2);
        var later = SampleStudy.Write(Path.Combine(scratch.Path, "later"), 4, size: 32);
        var after = SampleStudy.Write(Path.Combine(scratch.Path, "after"), 1, size: 32);

        // Act: storescu halts at its first refusal, so a second association tries once more.
        var result = await bridge.StorescuAsync(later.Files, verbose: true);
        var retry = await bridge.StorescuAsync(after.Files, verbose: true);

        // Assert: exactly the 2 keys registered before are used; the images after them are refused, nothing kept of them.
        Assert.Equal(2, Count(result.Output, "Received Store Response (Success)"));
        Assert.Equal(1, Count(result.Output, "Refused: OutOfResources"));
        Assert.Equal(0, Count(retry.Output, "Received Store Response (Success)"));
        Assert.Equal(1, Count(retry.Output, "Refused: OutOfResources"));
        Assert.Equal(3, (await bridge.Node.CatalogCountAsync()));

        // And every acknowledged image is readable once the nodes are back.
        await _cluster.StartNodeAsync(1);
        await _cluster.StartNodeAsync(2);
        var reader = GridReader.CertificateOf(_pki.Pki, DevUser.Reader);
        var images = await bridge.ConnectReader(reader).ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        Assert.Equal(3, images.Count);
        foreach (var image in images)
        {
            Assert.NotEmpty(await GridReader.ReadImageAsync(bridge, _cluster, reader, image));
        }
    }

    private static int Count(string text, string what) => text.Split(what).Length - 1;
}
