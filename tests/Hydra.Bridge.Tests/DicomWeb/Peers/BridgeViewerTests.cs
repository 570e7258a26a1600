using System.Diagnostics;
using System.Net;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Viewer;
using Xunit.Abstractions;

namespace Hydra.Bridge.Tests.DicomWeb.PeerTests;

/// <summary>
/// OHIF, a real web viewer (its own prebuilt app in headless Chromium), against the bridge as its DICOMweb origin:
/// hosted next to the bridge with <c>/dicom-web</c> forwarded to the reader endpoint over grid TLS (dev CA), the
/// reader's bearer token on every request. It lists the study and renders an image.
/// </summary>
[Collection(BridgePeerCollection.Name)]
public sealed class BridgeViewerTests
{
    private readonly BridgePeerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public BridgeViewerTests(BridgePeerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Ohif_WithTheRadiologistsToken_ListsTheBridgesStudyAndRendersIt()
    {
        // Arrange: a study ingested over C-STORE, and OHIF hosted in front of the bridge.
        using var scratch = new TempDirectory("hydra-peers");
        var token = await _fixture.TokenAsync();
        var lister = _fixture.Bridge.ConnectReader(token);
        var before = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();
        var sent = await _fixture.Bridge.StorescuAsync(SampleStudy.Write(scratch.Path, 3, size: 128).Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var readable = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.StudyInstanceUid).ToHashSet();
        Assert.Contains(readable, uid => !before.Contains(uid));
        await using var viewer = await ViewerHost.StartAsync(_fixture.ReaderHandlerAddress, _fixture.ReaderHandler(), HttpVersion.Version20).DefaultTimeout();
        var screenshot = PeerOutput.Screenshot("ohif-bridge-origin");

        // Act
        var watch = Stopwatch.StartNew();
        var run = await OhifBrowser.OpenStudyAsync(viewer, screenshot, token);
        _output.WriteLine($"OHIF against the bridge: {watch.ElapsedMilliseconds} ms in all; {run}");

        // Assert: the study list came from the bridge's QIDO, the image from its WADO-RS, all with the token.
        Assert.True(run.Failure is null, run.ToString());
        Assert.True(run.StudyRows >= 1, run.ToString());
        Assert.NotNull(run.Canvas);
        Assert.True(run.Canvas.DistinctValues > 16, run.ToString());
        Assert.Empty(run.Blocked);
        Assert.Contains(readable, uid => run.ViewerUrl!.Contains(uid, StringComparison.Ordinal));
        Assert.NotEmpty(viewer.Forwarded);
        Assert.All(viewer.Forwarded, request => Assert.True(request.HadAuthorization, request.Target));
        Assert.All(viewer.Forwarded, request => Assert.True(request.Status is >= 200 and < 300, $"{request.Status} {request.Method} {request.Target}"));
        Assert.True(File.Exists(screenshot), screenshot);
    }
}
