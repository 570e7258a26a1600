using System.Net;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Bridge.Tests.DicomWeb.Qido;
using Hydra.Bridge.Tests.DicomWeb.Stow;
using Hydra.Bridge.Tests.DicomWeb.Wado;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb;

/// <summary>
/// The /dicom-web overload gate: beyond MaxConcurrentRequests, 503 with Retry-After and a problem body, not a queue;
/// one gate for QIDO-RS, WADO-RS and STOW-RS.
/// </summary>
public sealed class DicomWebGateTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public DicomWebGateTests(ClusterFixture fixture) => _fixture = fixture;

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
        Assert.Contains("MaxConcurrentRequests", DicomWebHttp.ProblemText(busyBody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task SearchAndStoreWhileARetrieveHoldsTheOnlySlot_Are503WithRetryAfter_ThenServed()
    {
        // Arrange: one slot; the reader may also store (as STOWPACS), so the store after the release succeeds.
        var readerDn = _fixture.Pki.User(DevUser.Reader).SubjectDn;
        await using var bridge = await TestBridge.StartAsync(_fixture.Pki, _fixture.Cluster, o =>
        {
            o.DicomWeb.MaxConcurrentRequests = 1;
            o.DicomWeb.RetryAfterSeconds = 9;
            o.DicomWeb.Senders["dn:" + readerDn] = "STOWPACS";
        });
        using var scratch = new TempDirectory("hydra-dicomweb-busy");
        var study = await WadoStudy.IngestAsync(bridge, _fixture.Pki, scratch, 2, size: 512);
        var reader = GridReader.ProxyOf(_fixture.Pki, DevUser.Reader);
        using var holder = new WadoHttp(bridge, _fixture.Pki.TrustDirectory, reader);
        using var searcher = new QidoClient(bridge, _fixture.Pki.TrustDirectory, reader);
        using var sender = new StowHttp(bridge, _fixture.Pki.TrustDirectory, reader);
        var stowBody = StowHttp.Body(SampleStudy.Write(scratch.Combine("stow"), 1, size: 16).Files);
        var catalogued = (await bridge.Node.CatalogCountAsync());

        // Act: a retrieve whose reader stops after its first bytes stays in progress, holding the slot.
        using var held = await holder.GetAsync($"studies/{study.Study}");
        var body = await held.Content.ReadAsStreamAsync().DefaultTimeout();
        await body.ReadExactlyAsync(new byte[16]).AsTask().DefaultTimeout();
        var busySearch = await searcher.GetAsync("studies");
        var busyStore = await sender.PostAsync(stowBody);
        var cataloguedWhileBusy = (await bridge.Node.CatalogCountAsync());
        await body.CopyToAsync(Stream.Null).DefaultTimeout();
        held.Dispose();
        var search = await searcher.GetAsync("studies");
        var store = await sender.PostAsync(stowBody);

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busySearch.Status);
        Assert.Equal(TimeSpan.FromSeconds(9), busySearch.RetryAfter);
        Assert.Contains("MaxConcurrentRequests", busySearch.Error(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busyStore.Status);
        Assert.Equal(TimeSpan.FromSeconds(9), busyStore.RetryAfter);
        Assert.Contains("MaxConcurrentRequests", busyStore.Error, StringComparison.Ordinal);
        Assert.Equal(catalogued, cataloguedWhileBusy);
        Assert.NotEmpty(search.Results());
        Assert.True(store.Status == HttpStatusCode.OK, store.Text);
        Assert.Equal(catalogued + 1, (await bridge.Node.CatalogCountAsync()));
    }
}
