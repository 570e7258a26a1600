using System.Text;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;

namespace Hydra.Bridge.Tests;

/// <summary>storescu sending to the bridge: acknowledged images are catalogued, encrypted, and nothing identifying is kept.</summary>
public sealed class IngestTests : IClassFixture<BridgeFixture>
{
    private readonly BridgeFixture _fixture;

    public IngestTests(BridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    [Fact]
    public async Task Storescu_StudyIsAcknowledged_CataloguedAndStoredOnlyAsCiphertext()
    {
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, 5, size: 64);
        var before = (await Bridge.Node.CatalogCountAsync());

        var result = await Bridge.StorescuAsync(study.Files);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("Store Failed", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before + 5, (await Bridge.Node.CatalogCountAsync()));
        Assert.Empty(Leaks.FilesContainingMarker(Bridge.StoredFiles()));
        var objects = Bridge.StoredFiles().Where(path => path.EndsWith(".hydra", StringComparison.Ordinal)).ToList();
        Assert.True(objects.Count >= 5, string.Join(", ", Bridge.StoredFiles()));
        Assert.All(objects, path => Assert.True(ContainerHeader.TryRead(File.ReadAllBytes(path), out _), path));
    }

    [Fact]
    public async Task Storescu_SameImagesTwice_AreCataloguedOnce()
    {
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, 3, size: 32);
        var first = await Bridge.StorescuAsync(study.Files);
        var count = (await Bridge.Node.CatalogCountAsync());

        var second = await Bridge.StorescuAsync(study.Files);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.DoesNotContain("Store Failed", second.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(count, (await Bridge.Node.CatalogCountAsync()));
    }

    [Fact]
    public async Task Storescu_RecognizableFaceSentTwice_IsQuarantinedOnceEncrypted_ForOfficersOnly()
    {
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, 1, size: 32, recognizableFace: true);
        var quarantine = Path.Combine(Bridge.DataDirectory, "objects", "quarantine");
        var before = Directory.Exists(quarantine) ? Directory.GetFiles(quarantine).ToHashSet() : [];
        var catalogued = (await Bridge.Node.CatalogCountAsync());

        var result = await Bridge.StorescuAsync(study.Files);
        var again = await Bridge.StorescuAsync(study.Files);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(catalogued, (await Bridge.Node.CatalogCountAsync()));
        var kept = Assert.Single(Directory.GetFiles(quarantine), f => !before.Contains(f));
        Assert.Empty(Leaks.FilesContainingMarker(Bridge.StoredFiles()));
        var keyId = KeyId.Parse("quarantine:" + Path.GetFileNameWithoutExtension(kept));
        using var key = await _fixture.Cluster.ConnectAs(DevUser.Officer).GetKeyAsync(keyId, CancellationToken.None).DefaultTimeout();
        using var plaintext = new MemoryStream();
        await using (var input = File.OpenRead(kept))
        {
            await ContainerCipher.DecryptAsync(input, plaintext, key.KeyMemory, CancellationToken.None).DefaultTimeout();
        }

        Assert.Contains(SampleStudy.Marker, Encoding.ASCII.GetString(plaintext.ToArray()), StringComparison.Ordinal);
        await Assert.ThrowsAsync<ClusterException>(() => _fixture.Cluster.ConnectAs(DevUser.Reader).GetKeyAsync(keyId, CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task Storescu_ImagesTakeKeysRegisteredAhead_AndUnusedOnesAreDeletedWhenTheBridgeStops()
    {
        // Arrange: a cluster of its own, so every key on it is this bridge's.
        await using var cluster = await TestCluster.StartAsync(_fixture.Pki);
        await using var bridge = await TestBridge.StartAsync(_fixture.Pki, cluster, options => options.Ingest.KeyPoolSize = 8);
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, 3, size: 32);

        // Act
        var result = await bridge.StorescuAsync(study.Files);
        var reader = GridReader.ProxyOf(_fixture.Pki, DevUser.Reader);
        var images = await bridge.ConnectReader(reader).ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        var registeredWhileRunning = await cluster.ConnectAsHost("bridge").ListKeysAsync("ingest:", CancellationToken.None).DefaultTimeout();
        var sopInstanceUids = new List<string?>();
        foreach (var image in images)
        {
            var plaintext = await GridReader.ReadImageAsync(bridge, cluster, reader, image);
            sopInstanceUids.Add(GridReader.Parse(plaintext).Dataset.GetString(Hydra.Dicom.Dictionary.DicomTags.SOPInstanceUID));
        }

        await bridge.StopAsync();
        var registeredAfterStop = await cluster.ConnectAsHost("bridge").ListKeysAsync("ingest:", CancellationToken.None).DefaultTimeout();

        // Assert: one random key per image, none naming the image; the pool's spare keys were registered, then deleted.
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(3, images.Count);
        Assert.Equal(3, images.Select(i => i.KeyId).Distinct().Count());
        Assert.All(images, image =>
        {
            Assert.StartsWith("ingest:", image.KeyId, StringComparison.Ordinal);
            Assert.DoesNotContain(image.SopInstanceUid, image.KeyId, StringComparison.Ordinal);
            Assert.DoesNotContain(image.StudyInstanceUid, image.KeyId, StringComparison.Ordinal);
        });
        Assert.True(registeredWhileRunning.Count > 3, $"{registeredWhileRunning.Count} keys registered while running");
        Assert.Equal(images.Select(i => i.KeyId).Order(StringComparer.Ordinal), registeredAfterStop.Select(k => k.KeyId).Order(StringComparer.Ordinal));
        Assert.Equal(images.Select(i => i.SopInstanceUid), sopInstanceUids);
    }
}
