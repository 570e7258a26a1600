using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;

namespace Hydra.Bridge.Tests;

/// <summary>
/// The bridge SIGKILLed in the middle of an ingest and started again on its data folder: every image storescu saw
/// acknowledged is catalogued and readable, no partial object is left, and re-sending the study completes it.
/// </summary>
public sealed class BridgeCrashTests : IClassFixture<ClusterFixture>
{
    private const int Images = 80;
    private readonly TestCluster _cluster;
    private readonly DevPki _pki;

    public BridgeCrashTests(ClusterFixture fixture)
    {
        _cluster = fixture.Cluster;
        _pki = fixture.Pki;
    }

    [Fact]
    public async Task BridgeKilledMidIngest_NoAcknowledgedImageLost_NoPartialObject_ResendCompletes()
    {
        // Arrange: the bridge's data folder is made by a first start; then it runs as its own process.
        await using var bridge = await TestBridge.StartAsync(_pki, _cluster);
        await bridge.StopAsync();
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, Images, size: 128);
        var objects = Path.Combine(bridge.DataDirectory, "objects");
        ProcessResult sent;

        // Act: SIGKILL the bridge once some objects are on disk, then start it again in-process on the same folder.
        var (child, port) = await bridge.StartChildAsync();
        using (child)
        {
            var sending = Dcmtk.RunAsync("storescu", ["-v", "-aet", "HOSPITAL", "-aec", "HYDRA", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. study.Files]);
            while (CountObjects(objects) < 10 && !sending.IsCompleted)
            {
                await Task.Delay(2);
            }

            child.Kill();
            sent = await sending.DefaultTimeout();
        }

        await bridge.StartAgainAsync();
        var acknowledged = AcknowledgedInstanceNumbers(sent.Output);

        // Assert: the kill interrupted the ingest; every acknowledged image is there and decrypts; nothing partial.
        Assert.InRange(acknowledged.Count, 1, Images - 1);
        Assert.Empty(Directory.EnumerateFiles(objects, "*.partial-*", SearchOption.AllDirectories));
        var reader = GridReader.ProxyOf(_pki, DevUser.Reader);
        var listed = await bridge.ConnectReader(reader).ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        Assert.Superset(acknowledged, listed.Select(i => i.InstanceNumber ?? 0).ToHashSet());
        foreach (var image in listed)
        {
            var plaintext = await GridReader.ReadImageAsync(bridge, _cluster, reader, image);
            Assert.Equal(image.SopInstanceUid, GridReader.Parse(plaintext).Dataset.GetString(DicomTags.SOPInstanceUID));
        }

        var resent = await bridge.StorescuAsync(study.Files, verbose: true);
        Assert.True(resent.ExitCode == 0, resent.Output);
        Assert.Equal(Images, AcknowledgedInstanceNumbers(resent.Output).Count);
        Assert.Equal(Images, (await bridge.Node.CatalogCountAsync()));
        Assert.Empty(Leaks.FilesContainingMarker(bridge.StoredFiles()));
    }

    private static int CountObjects(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.hydra", SearchOption.AllDirectories).Count() : 0;

    /// <summary>The instance numbers (file ctNNNN.dcm = instance NNNN) whose store storescu -v saw answered with success.</summary>
    private static HashSet<int> AcknowledgedInstanceNumbers(string storescuOutput)
    {
        var acknowledged = new HashSet<int>();
        string? current = null;
        foreach (var line in storescuOutput.Split('\n'))
        {
            if (line.StartsWith("I: Sending file: ", StringComparison.Ordinal))
            {
                current = line["I: Sending file: ".Length..].Trim();
            }
            else if (line.StartsWith("I: Received Store Response (Success", StringComparison.Ordinal) && current is not null)
            {
                acknowledged.Add(int.Parse(Path.GetFileNameWithoutExtension(current)[2..], System.Globalization.CultureInfo.InvariantCulture));
                current = null;
            }
        }

        return acknowledged;
    }
}
