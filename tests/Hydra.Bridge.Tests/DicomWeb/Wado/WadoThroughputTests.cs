using System.Diagnostics;
using System.Globalization;
using System.Net;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Xunit.Abstractions;

namespace Hydra.Bridge.Tests.DicomWeb.Wado;

/// <summary>
/// A larger study retrieved whole: every part arrives and parses, and every key (after the first, rebuilt in batches of
/// 32, so two batches here) was released per key by the nodes to the bridge on the reader's behalf; the rate is
/// reported (not asserted: shared machines vary).
/// </summary>
public sealed class WadoThroughputTests : IClassFixture<BridgeFixture>
{
    private const int Images = 40;
    private readonly BridgeFixture _fixture;
    private readonly ITestOutputHelper _output;

    public WadoThroughputTests(BridgeFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Retrieve_StudyOf40Images512_EveryPartParses_EveryKeyAuditedAsDelegated_RateReported()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-wado-rate");
        var study = await WadoStudy.IngestAsync(_fixture.Bridge, _fixture.Pki, scratch, Images, size: 512);
        using var reader = new WadoHttp(_fixture.Bridge, _fixture.Pki.TrustDirectory, GridReader.ProxyOf(_fixture.Pki, DevUser.Reader));

        // Act
        var clock = Stopwatch.StartNew();
        var (answer, body) = await reader.GetAllAsync($"studies/{study.Study}");
        clock.Stop();

        // Assert
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var parts = MultipartBody.Parse(answer.Content.Headers.ContentType, body);
        Assert.Equal(Images, parts.Count);
        Assert.All(parts, p => Assert.Equal(512 * 512 * 2, DicomFile.Read(p.Body).Dataset.GetBytes(DicomTags.PixelData).Length));
        var released = (await WadoStudy.AuditOfAsync(_fixture.Cluster, _fixture.Pki.User(DevUser.Reader).SubjectDn))
            .Where(e => e.Operation == "GetShare" && e.Outcome == "allowed" && e.Delegate == _fixture.Pki.Host("bridge").SubjectDn)
            .GroupBy(e => e.KeyId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(study.Images, i => Assert.True(released.GetValueOrDefault(i.KeyId) >= _fixture.Cluster.Threshold, $"key of image {i.InstanceNumber} released {released.GetValueOrDefault(i.KeyId)} times"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"WADO-RS retrieve: {Images} instances, {body.Length / 1e6:F1} MB in {clock.Elapsed.TotalSeconds:F2} s = {body.Length / 1e6 / clock.Elapsed.TotalSeconds:F1} MB/s, {Images / clock.Elapsed.TotalSeconds:F0} instances/s"));
    }
}
