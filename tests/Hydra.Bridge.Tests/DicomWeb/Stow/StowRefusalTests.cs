using System.Net;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Stow;

/// <summary>Bad STOW-RS requests: each gets its PS3.18 status and a clear message, the bridge stays up, nothing is half-stored.</summary>
public sealed class StowRefusalTests : IClassFixture<StowFixture>, IDisposable
{
    private readonly StowFixture _fixture;
    private readonly TempDirectory _scratch = new("hydra-stow");
    private readonly StowHttp _sender;

    public StowRefusalTests(StowFixture fixture)
    {
        _fixture = fixture;
        _sender = new StowHttp(Bridge, fixture.Pki.TrustDirectory, GridReader.CertificateOf(fixture.Pki, DevUser.Admin));
    }

    private TestBridge Bridge => _fixture.Bridge;

    private byte[] Sample(int count = 1) => StowHttp.Body(SampleStudy.Write(_scratch.Combine(Guid.NewGuid().ToString("N")), count, size: 16).Files);

    [Fact]
    public async Task CallerNotInSenders_IsForbidden_NamingTheSetting()
    {
        using var reader = new StowHttp(Bridge, _fixture.Pki.TrustDirectory, GridReader.ProxyOf(_fixture.Pki, DevUser.Reader));
        var catalogued = (await Bridge.Node.CatalogCountAsync());

        var answer = await reader.PostAsync(Sample());

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Contains("Bridge:DicomWeb:Senders", answer.Error, StringComparison.Ordinal);
        Assert.Contains(_fixture.Pki.User(DevUser.Reader).SubjectDn, answer.Error, StringComparison.Ordinal);
        Assert.Equal(catalogued, (await Bridge.Node.CatalogCountAsync()));
    }

    [Theory]
    [InlineData("multipart/related; type=\"application/dicom\"", HttpStatusCode.BadRequest, "no boundary")]
    [InlineData("application/dicom", HttpStatusCode.UnsupportedMediaType, "multipart/related")]
    [InlineData("multipart/related; type=\"application/dicom+json\"; boundary=" + StowHttp.Boundary, HttpStatusCode.UnsupportedMediaType, "not supported")]
    [InlineData("text/plain", HttpStatusCode.UnsupportedMediaType, "text/plain")]
    public async Task WrongContentType_IsRefusedBeforeAnythingIsStored(string contentType, HttpStatusCode expected, string message)
    {
        var catalogued = (await Bridge.Node.CatalogCountAsync());

        var answer = await _sender.PostAsync(Sample(), contentType);

        Assert.Equal(expected, answer.Status);
        Assert.Contains(message, answer.Error, StringComparison.Ordinal);
        Assert.Equal(catalogued, (await Bridge.Node.CatalogCountAsync()));
    }

    [Fact]
    public async Task EmptyBody_IsBadRequest()
    {
        var answer = await _sender.PostAsync([]);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("boundary", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnacceptableAccept_IsNotAcceptable()
    {
        var catalogued = (await Bridge.Node.CatalogCountAsync());

        var answer = await _sender.PostAsync(Sample(), accept: "application/dicom+xml");

        Assert.Equal(HttpStatusCode.NotAcceptable, answer.Status);
        Assert.Contains("application/dicom+json", answer.Error, StringComparison.Ordinal);
        Assert.Equal(catalogued, (await Bridge.Node.CatalogCountAsync()));
    }

    [Fact]
    public async Task BadStudyUidInThePath_IsBadRequest()
    {
        var answer = await _sender.PostAsync(Sample(), path: "dicom-web/studies/1.2.3.abc");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("not a DICOM UID", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonDicomPart_FailsWithC000_Conflict()
    {
        var answer = await _sender.PostAsync(StowHttp.Body([System.Text.Encoding.ASCII.GetBytes("this is not a DICOM file at all, just some text")]));

        Assert.True(answer.Status == HttpStatusCode.Conflict, answer.Text);
        Assert.Equal("49152", StowAnswer.Value(Assert.Single(answer.Failed), "00081197"));
        Assert.Empty(answer.Referenced);
        await StowChecks.AssertOnlyCompleteInstancesAsync(Bridge);
    }

    [Fact]
    public async Task DicomWithoutSopInstanceUid_FailsWithC000_OthersStored()
    {
        var files = SampleStudy.Write(_scratch.Combine("nouid"), 2, size: 16).Files;
        var broken = DicomFile.Open(files[1]);
        broken.Dataset.Remove(DicomTags.SOPInstanceUID);
        var catalogued = (await Bridge.Node.CatalogCountAsync());

        var answer = await _sender.PostAsync(StowHttp.Body([File.ReadAllBytes(files[0]), broken.ToArray()]));

        Assert.True(answer.Status == HttpStatusCode.Accepted, answer.Text);
        Assert.Single(answer.Referenced);
        var failed = Assert.Single(answer.Failed);
        Assert.Equal("49152", StowAnswer.Value(failed, "00081197"));
        Assert.Null(StowAnswer.Value(failed, "00081155"));
        Assert.Equal(catalogued + 1, (await Bridge.Node.CatalogCountAsync()));
        await StowChecks.AssertOnlyCompleteInstancesAsync(Bridge);
    }

    [Fact]
    public async Task TruncatedBody_StoresTheWholeParts_FailsTheCutOne()
    {
        var files = SampleStudy.Write(_scratch.Combine("cut"), 2, size: 64).Files;
        var whole = StowHttp.Body(files.Select(File.ReadAllBytes), close: false);
        var cut = whole[..^4000]; // Inside the second image's pixels, no closing delimiter.
        var catalogued = (await Bridge.Node.CatalogCountAsync());

        var answer = await _sender.PostAsync(cut);

        Assert.True(answer.Status == HttpStatusCode.Accepted, answer.Text);
        Assert.Single(answer.Referenced);
        Assert.Equal("49152", StowAnswer.Value(Assert.Single(answer.Failed), "00081197"));
        Assert.Equal(catalogued + 1, (await Bridge.Node.CatalogCountAsync()));
        await StowChecks.AssertOnlyCompleteInstancesAsync(Bridge);
    }

    [Fact]
    public async Task MorePartsThanMaxInstancesPerRequest_IsPayloadTooLarge()
    {
        var junk = Enumerable.Repeat("x"u8.ToArray(), StowFixture.MaxInstancesPerRequest + 1);

        var answer = await _sender.PostAsync(StowHttp.Body(junk));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Contains("MaxInstancesPerRequest (120)", answer.Error, StringComparison.Ordinal);
        await StowChecks.AssertOnlyCompleteInstancesAsync(Bridge);
    }

    [Fact]
    public async Task TwoGigabytePart_IsRefusedWhileItArrives()
    {
        // Arrange: a DICOM part whose encapsulated pixel data never ends, generated as it is sent.
        var endless = new EndlessPart(StowHttp.Boundary, limit: 2L << 30);
        var catalogued = (await Bridge.Node.CatalogCountAsync());

        // Act
        var answer = await _sender.PostAsync(endless, StowHttp.MultipartType());

        // Assert: refused near the 4 MiB cap, long before the client could send 2 GB; the bridge still stores.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Contains("MaxInstanceBytes", answer.Error, StringComparison.Ordinal);
        Assert.True(endless.Produced < 256L << 20, $"{endless.Produced} bytes were sent before the answer");
        Assert.Equal(catalogued, (await Bridge.Node.CatalogCountAsync()));
        var after = await _sender.PostAsync(Sample());
        Assert.True(after.Status == HttpStatusCode.OK, after.Text);
        await StowChecks.AssertOnlyCompleteInstancesAsync(Bridge);
    }

    public void Dispose()
    {
        _sender.Dispose();
        _scratch.Dispose();
    }
}
