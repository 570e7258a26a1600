using System.Diagnostics;
using System.Text.Json.Nodes;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Viewer;
using Xunit.Abstractions;

namespace Hydra.Bridge.Tests.DicomWeb.PeerTests;

/// <summary>
/// The DICOMweb peer harnesses proven on Orthanc alone, before the bridge is in the loop: Orthanc's DICOMweb client
/// against another Orthanc, and OHIF (its own prebuilt app in headless Chromium) against Orthanc as origin.
/// </summary>
public sealed class PeerHarnessTests
{
    private static readonly Dictionary<string, (string, int)> NoModalities = [];
    private readonly ITestOutputHelper _output;

    public PeerHarnessTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task OrthancClient_OfAnotherOrthanc_QueriesRetrievesAndStoresTheStudy()
    {
        // Arrange: an origin holding a 3-image study, and an empty client that knows it by name (with a header it must pass).
        using var scratch = new TempDirectory("hydra-peers");
        var study = SampleStudy.Write(scratch.Path, 3, size: 64);
        using var origin = await OrthancPeer.StartAsync(NoModalities, dicomWeb: true).DefaultTimeout();
        using var client = await OrthancPeer.StartAsync(NoModalities, dicomWeb: true).DefaultTimeout();
        foreach (var file in study.Files)
        {
            Assert.NotNull(await origin.TryUploadAsync(file).DefaultTimeout());
        }

        await client.PutDicomWebServerAsync("origin", origin.DicomWebRoot, bearerToken: "harness-token").DefaultTimeout();

        // Act
        var found = (JsonArray)await client.PostAsync("dicom-web/servers/origin/qido", OrthancPeer.Json(new { Uri = "/studies", Arguments = new { StudyInstanceUID = study.StudyInstanceUid } })).DefaultTimeout();
        var retrieved = await client.PostAsync("dicom-web/servers/origin/retrieve", OrthancPeer.Json(new { Resources = new[] { new { Study = study.StudyInstanceUid } } })).DefaultTimeout();
        var held = (JsonArray)await client.GetAsync("studies").DefaultTimeout();
        var stowed = await client.PostAsync("dicom-web/servers/origin/stow", OrthancPeer.Json(new { Resources = new[] { held[0]!.GetValue<string>() } })).DefaultTimeout();

        // Assert
        Assert.Equal([study.StudyInstanceUid], PeerOutput.Values(found, "0020000D"));
        Assert.Equal("3", retrieved["ReceivedInstancesCount"]?.ToString());
        Assert.Equal(3, ((JsonArray)await client.GetAsync("instances").DefaultTimeout()).Count);
        Assert.Equal("3", stowed["InstancesCount"]?.ToString());
    }

    [Fact]
    public async Task Ohif_AgainstOrthancOrigin_ListsTheStudyAndRendersIt_NothingLeavesLoopback()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-peers");
        var study = SampleStudy.Write(scratch.Path, 3, size: 128);
        using var orthanc = await OrthancPeer.StartAsync(NoModalities, dicomWeb: true).DefaultTimeout();
        foreach (var file in study.Files)
        {
            Assert.NotNull(await orthanc.TryUploadAsync(file).DefaultTimeout());
        }

        await using var viewer = await ViewerHost.StartAsync(orthanc.BaseAddress).DefaultTimeout();
        var screenshot = PeerOutput.Screenshot("ohif-orthanc-origin");

        // Act
        var watch = Stopwatch.StartNew();
        var run = await OhifBrowser.OpenStudyAsync(viewer, screenshot);
        _output.WriteLine($"OHIF against Orthanc: {watch.ElapsedMilliseconds} ms in all; {run}");

        // Assert: OHIF's own page listed the study, asked the origin through the host, and painted an image.
        Assert.True(run.Failure is null, run.ToString());
        Assert.Equal(1, run.StudyRows);
        Assert.NotNull(run.Canvas);
        Assert.True(run.Canvas.DistinctValues > 16, run.ToString());
        Assert.Empty(run.Blocked);
        Assert.Contains(study.StudyInstanceUid, run.ViewerUrl, StringComparison.Ordinal);
        Assert.All(viewer.Forwarded, request => Assert.InRange(request.Status, 200, 299));
        Assert.Contains(viewer.Forwarded, request => request.Target.StartsWith("/dicom-web/studies?", StringComparison.Ordinal));
        Assert.Contains(viewer.Forwarded, request => request.Target.Contains("/frames/", StringComparison.Ordinal) || request.Target.EndsWith("/rendered", StringComparison.Ordinal));
        Assert.True(File.Exists(screenshot), screenshot);
    }
}
