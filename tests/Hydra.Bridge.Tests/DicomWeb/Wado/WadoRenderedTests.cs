using System.Globalization;
using System.Net;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using SkiaSharp;

namespace Hydra.Bridge.Tests.DicomWeb.Wado;

/// <summary>
/// Rendered images and thumbnails (PS3.18 10.4.1.1.4) from a real bridge, decoded here, and cross-checked against a
/// real peer: dcmtk's dcmj2pnm renders the original file through the same window to the same pixels.
/// </summary>
public sealed class WadoRenderedTests : IClassFixture<BridgeFixture>
{
    // SampleStudy's pixels: column c holds 4c plus noise below 64, rescaled by -1024: column 0 is -1024..-961 HU and
    // column 63 is -772..-709 HU, so this window makes the first column black and the last white.
    private const double Center = -866;
    private const double Width = 100;
    private readonly BridgeFixture _fixture;

    public WadoRenderedTests(BridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    private DevPki Pki => _fixture.Pki;

    private WadoHttp Reader() => new(Bridge, Pki.TrustDirectory, GridReader.ProxyOf(Pki, DevUser.Reader));

    private static string Window => string.Create(CultureInfo.InvariantCulture, $"window={Center},{Width}");

    [Fact]
    public async Task Rendered_PngWithWindow_SamePixelsAsDcmj2pnm()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-wado-rendered");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 1);
        using var reader = Reader();
        var peerPng = scratch.Combine("dcmj2pnm.png");
        var peer = await Dcmtk.RunAsync("dcmj2pnm", ["+on", "+Ww", Center.ToString(CultureInfo.InvariantCulture), Width.ToString(CultureInfo.InvariantCulture), study.Sent.Files[0], peerPng]);
        Assert.True(peer.ExitCode == 0, peer.Output);

        // Act
        var (answer, body) = await reader.GetAllAsync(study.InstancePath(0) + "/rendered?" + Window);

        // Assert: PNG by default, 64x64, the window's edges black and white, every pixel within 1 of dcmj2pnm's.
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("image/png", answer.Content.Headers.ContentType!.MediaType);
        using var ours = SKBitmap.Decode(body);
        using var theirs = SKBitmap.Decode(peerPng);
        Assert.Equal((64, 64), (ours.Width, ours.Height));
        Assert.Equal((theirs.Width, theirs.Height), (ours.Width, ours.Height));
        for (var y = 0; y < 64; y++)
        {
            Assert.Equal(0, ours.GetPixel(0, y).Red);
            Assert.Equal(255, ours.GetPixel(63, y).Red);
            for (var x = 0; x < 64; x++)
            {
                Assert.InRange(ours.GetPixel(x, y).Red - theirs.GetPixel(x, y).Red, -1, 1);
            }
        }
    }

    [Fact]
    public async Task RenderedFrameAndThumbnails_JpegByAccept_ViewportScales_ThumbnailsSmall()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-wado-rendered");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 3, size: 256);
        using var reader = Reader();

        // Act
        var (jpeg, jpegBody) = await reader.GetAllAsync(study.InstancePath(0) + "/frames/1/rendered?quality=80&viewport=100,50", "image/jpeg");
        var (studyThumb, studyThumbBody) = await reader.GetAllAsync($"studies/{study.Study}/thumbnail", "image/*");
        var (seriesThumb, seriesThumbBody) = await reader.GetAllAsync($"studies/{study.Study}/series/{study.Series}/thumbnail?viewport=64,64");
        var (pdf, _) = await reader.GetAllAsync(study.InstancePath(0) + "/rendered", "application/pdf");
        var (badWindow, badWindowBody) = await reader.GetAllAsync(study.InstancePath(0) + "/rendered?window=40");
        var (noFrame, _) = await reader.GetAllAsync(study.InstancePath(0) + "/frames/2/rendered");

        // Assert
        Assert.Equal(HttpStatusCode.OK, jpeg.StatusCode);
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType!.MediaType);
        using (var decoded = SKBitmap.Decode(jpegBody))
        {
            Assert.Equal((50, 50), (decoded.Width, decoded.Height));
        }

        Assert.Equal("image/png", studyThumb.Content.Headers.ContentType!.MediaType);
        using (var decoded = SKBitmap.Decode(studyThumbBody))
        {
            Assert.Equal((128, 128), (decoded.Width, decoded.Height));
        }

        using (var decoded = SKBitmap.Decode(seriesThumbBody))
        {
            Assert.Equal(HttpStatusCode.OK, seriesThumb.StatusCode);
            Assert.Equal((64, 64), (decoded.Width, decoded.Height));
        }

        Assert.Equal(HttpStatusCode.NotAcceptable, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.StatusCode);
        Assert.Contains("'window'", DicomWebHttp.ProblemText(badWindowBody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noFrame.StatusCode);
    }
}
