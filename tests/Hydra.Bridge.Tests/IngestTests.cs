using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Client;
using Hydra.Client.Cluster;
using Hydra.Client.Containers;
using System.Text;
using Hydra.Testing;

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
        var before = Bridge.Node.CatalogCount;

        var result = await Bridge.StorescuAsync(study.Files);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("Store Failed", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before + 5, Bridge.Node.CatalogCount);
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
        var count = Bridge.Node.CatalogCount;

        var second = await Bridge.StorescuAsync(study.Files);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.DoesNotContain("Store Failed", second.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(count, Bridge.Node.CatalogCount);
    }

    [Fact]
    public async Task Storescu_BurnedInAnnotationSentTwice_IsQuarantinedOnceEncrypted_ForOfficersOnly()
    {
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, 1, size: 32, burnedInAnnotation: "YES");
        var quarantine = Path.Combine(Bridge.DataDirectory, "objects", "quarantine");
        var before = Directory.Exists(quarantine) ? Directory.GetFiles(quarantine).ToHashSet() : [];
        var catalogued = Bridge.Node.CatalogCount;

        var result = await Bridge.StorescuAsync(study.Files);
        var again = await Bridge.StorescuAsync(study.Files);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(catalogued, Bridge.Node.CatalogCount);
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
    public async Task Storescu_KeyLeftByAnEarlierAttempt_ObjectIsWrittenUnderThatKey()
    {
        // Arrange: an attempt that registered the image's key and died before its catalog entry.
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, 1, size: 32);
        var secret = File.ReadAllBytes(Path.Combine(Bridge.DataDirectory, "bridge.secret"));
        var report = new Hydra.Dicom.Deidentification.DicomDeidentifier(new Hydra.Dicom.Deidentification.DeidentificationOptions { BridgeSecret = secret })
            .Deidentify(Hydra.Dicom.DicomFile.Open(study.Files[0]), "HOSPITAL").Report!;
        var keyId = KeyId.Parse(report.StudyInstanceUid + ":" + report.SopInstanceUid);
        var earlier = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        await _fixture.Cluster.ConnectAsHost("bridge").RegisterKeyAsync(
            keyId, earlier, [new KeyAclEntry("fqan:/hospital/radiology", KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();

        // Act
        var result = await Bridge.StorescuAsync(study.Files);

        // Assert: acknowledged, and the stored object opens with the key registered earlier.
        Assert.True(result.ExitCode == 0, result.Output);
        var reader = GridReader.ProxyOf(_fixture.Pki, DevUser.Reader);
        var image = Assert.Single(await Bridge.ConnectReader(reader).ListImagesAsync(report.StudyInstanceUid, CancellationToken.None).DefaultTimeout());
        Assert.Equal(keyId.Value, image.KeyId);
        var plaintext = await GridReader.ReadImageAsync(Bridge, _fixture.Cluster, reader, image);
        Assert.Equal(report.SopInstanceUid, GridReader.Parse(plaintext).Dataset.GetString(Hydra.Dicom.Dictionary.DicomTags.SOPInstanceUID));
    }
}
