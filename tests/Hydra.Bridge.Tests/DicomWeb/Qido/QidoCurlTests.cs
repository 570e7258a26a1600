using System.Text.Json;
using Hydra.CertsDev;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;

namespace Hydra.Bridge.Tests.DicomWeb.Qido;

/// <summary>A real HTTPS peer, curl with a client certificate, searching the bridge.</summary>
[Collection(QidoCollection.Name)]
public sealed class QidoCurlTests
{
    private readonly QidoFixture _fixture;

    public QidoCurlTests(QidoFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Curl_WithClientCertificate_SearchesSeriesOfAStudy()
    {
        // Arrange
        var curl = Peers.Require("curl", "curl");
        var user = _fixture.Pki.User(DevUser.Reader);
        var study = _fixture.StudyA[0].StudyInstanceUid;
        var url = new Uri(_fixture.Bridge.ReaderAddress, $"dicom-web/studies/{study}/series?Modality=MR&includefield=BodyPartExamined");

        // Act
        var result = await ProcessRunner.RunAsync(curl, [
            "--silent", "--show-error", "--fail", "--http2", "--cacert", _fixture.Pki.CaCertificatePath,
            "--cert", user.CertificatePath, "--key", user.KeyPath, "-H", "Accept: application/dicom+json",
            "--write-out", "\n%{content_type}", url.ToString()], timeout: TaskTimeoutExtensions.DefaultTimeoutSpan);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        var lines = result.StandardOutput.TrimEnd().Split('\n');
        Assert.Equal("application/dicom+json", lines[^1]);
        using var document = JsonDocument.Parse(string.Join('\n', lines[..^1]));
        var series = Assert.Single(document.RootElement.EnumerateArray().ToList());
        Assert.Equal(_fixture.MrSeries[0].SeriesInstanceUid, series.Text(DicomTags.SeriesInstanceUID));
        Assert.Equal("CHEST", series.Text(DicomTags.BodyPartExamined));
        Assert.Equal("2", series.Text(DicomTags.NumberOfSeriesRelatedInstances));
    }
}
