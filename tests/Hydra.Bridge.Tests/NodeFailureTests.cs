using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Options;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;

namespace Hydra.Bridge.Tests;

/// <summary>
/// A keystore node SIGKILLed in the middle of an ingest: the bridge keeps acknowledging on the write quorum, keeps the
/// node's shares sealed in its hand-off queue, and delivers them when the node is back, so every image stays
/// recoverable even without another node.
/// </summary>
public sealed class NodeFailureTests : IClassFixture<ClusterFixture>
{
    private const int Images = 60;
    private readonly TestCluster _cluster;
    private readonly DevPki _pki;

    public NodeFailureTests(ClusterFixture fixture)
    {
        _cluster = fixture.Cluster;
        _pki = fixture.Pki;
    }

    [Fact]
    public async Task NodeKilledMidIngest_EveryImageAcknowledged_HandoffDeliveredOnReturn_AllRecoverableWithoutAnotherNode()
    {
        // Arrange: node3 runs as its own process, so it can die without any shutdown code.
        await _cluster.StopNodeAsync(2);
        var options = new KeystoreOptions();
        _cluster.Configure(2, options);
        // A small key pool keeps registrations going all through the ingest, so some happen while node3 is down.
        await using var bridge = await TestBridge.StartAsync(_pki, _cluster, o => o.Ingest.KeyPoolSize = 2);
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, Images, size: 64);
        Hydra.Testing.ProcessResult sent;

        // Act: kill node3 once a few images are in, then bring it back and let the bridge deliver what waited.
        using (var child = await ChildNode.StartAsync(options))
        {
            var sending = bridge.StorescuAsync(study.Files, verbose: true);
            while ((await bridge.Node.CatalogCountAsync()) < 5 && !sending.IsCompleted)
            {
                await Task.Delay(5);
            }

            child.Kill();
            sent = await sending;
        }

        await bridge.Node.KeyRefillsSettledAsync().DefaultTimeout();
        var waiting = (await bridge.Node.PendingHandoffCountAsync());
        await _cluster.StartNodeAsync(2);
        await bridge.Node.DeliverHandoffAsync(CancellationToken.None).DefaultTimeout();

        // Assert: everything acknowledged, node3's shares queued and then delivered; with node1 gone every key rebuilds.
        Assert.True(sent.ExitCode == 0, sent.Output);
        Assert.DoesNotContain("Refused", sent.Output, StringComparison.Ordinal);
        Assert.Equal(Images, (await bridge.Node.CatalogCountAsync()));
        Assert.InRange(waiting, 1, Images - 1);
        Assert.Equal(0, (await bridge.Node.PendingHandoffCountAsync()));
        await _cluster.StopNodeAsync(0);
        var reader = GridReader.ProxyOf(_pki, DevUser.Reader);
        var images = await bridge.ConnectReader(reader).ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        Assert.Equal(Images, images.Count);
        var keys = await _cluster.Connect(reader).GetKeysAsync([.. images.Select(i => KeyId.Parse(i.KeyId))], CancellationToken.None).DefaultTimeout();
        Assert.All(keys, k =>
        {
            Assert.Null(k.Error);
            using var key = k.Key!;
            Assert.Equal(["node2", "node3"], key.UsedNodes.Order());
        });
        var plaintext = await GridReader.ReadImageAsync(bridge, _cluster, reader, images[^1]);
        Assert.Equal(images[^1].SopInstanceUid, GridReader.Parse(plaintext).Dataset.GetString(Hydra.Dicom.Dictionary.DicomTags.SOPInstanceUID));
    }
}
