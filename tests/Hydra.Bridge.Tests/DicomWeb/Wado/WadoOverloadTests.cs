using System.Net;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Wado;

/// <summary>The /dicom-web overload gate: beyond MaxConcurrentRequests, 503 with Retry-After and a problem body, not a queue.</summary>
public sealed class WadoOverloadTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public WadoOverloadTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task SecondRequestWhileOneRetrieveIsOpen_Is503WithRetryAfter_ThenServedOnceTheFirstEnds()
    {
        // Arrange: one request at a time; a 512x512 instance is far more than HTTP/2's 64 KiB window, so a retrieve
        // whose reader stops after its first bytes stays in progress.
        await using var bridge = await TestBridge.StartAsync(_fixture.Pki, _fixture.Cluster, o =>
        {
            o.DicomWeb.MaxConcurrentRequests = 1;
            o.DicomWeb.RetryAfterSeconds = 7;
        });
        using var scratch = new TempDirectory("hydra-wado-busy");
        var study = await WadoStudy.IngestAsync(bridge, _fixture.Pki, scratch, 2, size: 512);
        using var holder = new WadoHttp(bridge, _fixture.Pki.TrustDirectory, GridReader.ProxyOf(_fixture.Pki, DevUser.Reader));
        using var other = new WadoHttp(bridge, _fixture.Pki.TrustDirectory, GridReader.ProxyOf(_fixture.Pki, DevUser.Reader));

        // Act
        using var held = await holder.GetAsync($"studies/{study.Study}");
        var body = await held.Content.ReadAsStreamAsync().DefaultTimeout();
        var first = new byte[16];
        await body.ReadExactlyAsync(first).AsTask().DefaultTimeout();
        var (busy, busyBody) = await other.GetAllAsync($"studies/{study.Study}/metadata");
        await body.CopyToAsync(Stream.Null).DefaultTimeout();
        held.Dispose();
        var (after, _) = await other.GetAllAsync($"studies/{study.Study}/metadata");

        // Assert
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), busy.Headers.RetryAfter!.Delta);
        Assert.Contains("MaxConcurrentRequests", WadoRetrieveTests.ProblemText(busyBody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
