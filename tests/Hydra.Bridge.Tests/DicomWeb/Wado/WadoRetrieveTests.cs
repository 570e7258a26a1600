using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Wado;

/// <summary>
/// WADO-RS retrieve (PS3.18 10.4.1.1.1) from a real bridge and cluster: the multipart answer at study, series and
/// instance level holds the de-identified files the reader may read, byte for byte those of <c>/v1/images/{uid}/dicom</c>,
/// each key rebuilt on the reader's behalf and audited so; strangers and bad requests get the PS3.18 status.
/// </summary>
public sealed class WadoRetrieveTests : IClassFixture<BridgeFixture>
{
    private const string DicomParts = "multipart/related; type=\"application/dicom\"";
    private readonly BridgeFixture _fixture;

    public WadoRetrieveTests(BridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    private DevPki Pki => _fixture.Pki;

    private WadoHttp Reader() => new(Bridge, Pki.TrustDirectory, GridReader.ProxyOf(Pki, DevUser.Reader));

    private async Task<byte[]> DicomEndpointFileAsync(string sopInstanceUid)
    {
        var client = Bridge.ConnectReader(GridReader.ProxyOf(Pki, DevUser.Reader));
        using var buffer = new MemoryStream();
        await using (var stream = await client.OpenDicomAsync(sopInstanceUid, CancellationToken.None).DefaultTimeout())
        {
            await stream.CopyToAsync(buffer).DefaultTimeout();
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task Retrieve_StudySeriesInstance_PartsAreTheDecryptedFiles_AuditedAsReaderViaBridge()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-wado");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 3);
        using var reader = Reader();
        var original = DicomFile.Open(study.Sent.Files[0]).Dataset.GetBytes(DicomTags.PixelData).ToArray();

        // Act
        var (studyAnswer, studyBody) = await reader.GetAllAsync($"studies/{study.Study}", DicomParts);
        var (seriesAnswer, seriesBody) = await reader.GetAllAsync($"studies/{study.Study}/series/{study.Series}");
        var (instanceAnswer, instanceBody) = await reader.GetAllAsync(study.InstancePath(1), "*/*");

        // Assert: three, three and one parts, each the file /v1/images/{uid}/dicom serves, in the stored syntax.
        Assert.Equal(HttpStatusCode.OK, studyAnswer.StatusCode);
        Assert.Equal("application/dicom", studyAnswer.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "type").Value!.Trim('"'));
        var studyParts = MultipartBody.Parse(studyAnswer.Content.Headers.ContentType, studyBody);
        Assert.Equal(3, studyParts.Count);
        Assert.Equal(3, MultipartBody.Parse(seriesAnswer.Content.Headers.ContentType, seriesBody).Count);
        var instancePart = Assert.Single(MultipartBody.Parse(instanceAnswer.Content.Headers.ContentType, instanceBody));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("application/dicom; transfer-syntax=1.2.840.10008.1.2.1", studyParts[i].ContentType);
            var dataset = DicomFile.Read(studyParts[i].Body).Dataset;
            Assert.Equal(study.Images[i].SopInstanceUid, dataset.GetString(DicomTags.SOPInstanceUID));
            Assert.Equal(original, dataset.GetBytes(DicomTags.PixelData).ToArray());
            Assert.Equal(await DicomEndpointFileAsync(study.Images[i].SopInstanceUid), studyParts[i].Body);
            Assert.False(Leaks.Contains(studyParts[i].Body), "a retrieved file carries an identifying value");
        }

        Assert.Equal(studyParts[1].Body, instancePart.Body);
        var released = (await WadoStudy.AuditOfAsync(_fixture.Cluster, Pki.User(DevUser.Reader).SubjectDn))
            .Where(e => e.Operation == "GetShare" && e.KeyId == study.Images[0].KeyId && e.Outcome == "allowed").ToList();
        Assert.True(released.Count >= _fixture.Cluster.Threshold, $"{released.Count} nodes released a share");
        Assert.All(released, e => Assert.Equal(Pki.Host("bridge").SubjectDn, e.Delegate));
    }

    [Theory]
    [InlineData("multipart/related; type=application/dicom; transfer-syntax=*", "1.2.840.10008.1.2.1")]
    [InlineData("multipart/related; type=\"application/dicom\"; transfer-syntax=\"1.2.840.10008.1.2.1\"", "1.2.840.10008.1.2.1")]
    [InlineData("multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2", "1.2.840.10008.1.2")]
    [InlineData("application/pdf;q=0.9, multipart/related; type=application/dicom; transfer-syntax=1.2.840.10008.1.2.4.50, multipart/related;q=0.5", "1.2.840.10008.1.2.1")]
    public async Task Retrieve_AcceptVariants_AnswerInTheNegotiatedSyntax(string accept, string syntax)
    {
        using var scratch = new TempDirectory("hydra-wado");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 1);
        using var reader = Reader();

        var (answer, body) = await reader.GetAllAsync(study.InstancePath(0), accept);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var part = Assert.Single(MultipartBody.Parse(answer.Content.Headers.ContentType, body));
        Assert.Equal("application/dicom; transfer-syntax=" + syntax, part.ContentType);
        var file = DicomFile.Read(part.Body);
        Assert.Equal(syntax, file.TransferSyntax.Uid);
        Assert.Equal(DicomFile.Open(study.Sent.Files[0]).Dataset.GetBytes(DicomTags.PixelData).ToArray(), file.Dataset.GetBytes(DicomTags.PixelData).ToArray());
    }

    [Theory]
    [InlineData("application/pdf", "offers multipart/related; type=\"application/dicom\"")]
    [InlineData("multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.50", "as stored (1.2.840.10008.1.2.1)")]
    [InlineData("multipart/related; type=\"image/jpeg\"", "offers multipart/related")]
    public async Task Retrieve_AcceptThatCannotBeMet_Is406NamingWhatIsOffered(string accept, string named)
    {
        using var scratch = new TempDirectory("hydra-wado");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 1);
        using var reader = Reader();

        var (answer, body) = await reader.GetAllAsync($"studies/{study.Study}", accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, answer.StatusCode);
        Assert.Contains(named, DicomWebHttp.ProblemText(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrieve_Stranger_SameAnswerForExistingAndMissing_AndNodesReleaseNothing()
    {
        // Arrange: the researcher is not on the default ACL.
        using var scratch = new TempDirectory("hydra-wado");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 1);
        using var stranger = new WadoHttp(Bridge, Pki.TrustDirectory, GridReader.CertificateOf(Pki, DevUser.Researcher));
        const string missing = "2.25.1234567890";

        // Act
        var (existing, existingBody) = await stranger.GetAllAsync(study.InstancePath(0));
        var (absent, absentBody) = await stranger.GetAllAsync($"studies/{study.Study}/series/{study.Series}/instances/{missing}");
        var (wholeStudy, studyBody) = await stranger.GetAllAsync($"studies/{study.Study}/metadata");

        // Assert: one status, one sentence but for the UID, and no share released to this subject.
        Assert.Equal(HttpStatusCode.NotFound, existing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wholeStudy.StatusCode);
        Assert.Equal(DicomWebHttp.ProblemText(existingBody).Replace(study.Images[0].SopInstanceUid, missing, StringComparison.Ordinal), DicomWebHttp.ProblemText(absentBody));
        Assert.Equal($"No study '{study.Study}' that you may read.", DicomWebHttp.ProblemText(studyBody));
        var audit = await WadoStudy.AuditOfAsync(_fixture.Cluster, Pki.User(DevUser.Researcher).SubjectDn);
        Assert.DoesNotContain(audit, e => e.KeyId == study.Images[0].KeyId);
    }

    [Theory]
    [InlineData("studies/1.2..3")]
    [InlineData("studies/1.2.abc")]
    [InlineData("studies/12345678901234567890123456789012345678901234567890123456789012345")]
    [InlineData("studies/1.2.3/series/..%2F..%2Fdata")]
    [InlineData("studies/1.2.3/series/1.2.3/instances/1.2.3%2F..%2F..%2Fbridge.db")]
    [InlineData("studies/1.2.3%20/metadata")]
    public async Task Retrieve_PathSegmentNotAUid_Is400NamingTheSegment(string path)
    {
        using var reader = Reader();

        var (answer, body) = await reader.GetAllAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("UID in the path is not a DICOM UID", DicomWebHttp.ProblemText(body), StringComparison.Ordinal);
    }

    // The reader endpoint speaks HTTP/2 and, to a client asking for it by ALPN, HTTP/1.1 (the answer is the same).
    [Theory]
    [InlineData("--http2", "2")]
    [InlineData("--http1.1", "1.1")]
    public async Task Curl_RetrievesOverHttpsWithClientCertificate_DcmdumpReadsThePart(string versionFlag, string version)
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-wado-curl");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 1);
        var user = Pki.User(DevUser.Reader);
        var saved = scratch.Combine("answer.multipart");
        var headers = scratch.Combine("headers.txt");
        var curl = Peers.Require("curl", "curl");

        // Act
        var fetched = await ProcessRunner.RunAsync(curl, [
            "--silent", "--show-error", "--fail", versionFlag, "--write-out", "%{http_version}", "--cacert", Pki.CaCertificatePath,
            "--cert", user.CertificatePath, "--key", user.KeyPath,
            "-H", "Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*", "--dump-header", headers, "--output", saved,
            new Uri(Bridge.ReaderAddress, "dicom-web/" + study.InstancePath(0)).ToString()], timeout: TaskTimeoutExtensions.DefaultTimeoutSpan);
        Assert.True(fetched.ExitCode == 0, fetched.Output);
        Assert.Equal(version, fetched.StandardOutput.Trim());
        var contentType = File.ReadAllLines(headers).Single(l => l.StartsWith("content-type:", StringComparison.OrdinalIgnoreCase))["content-type:".Length..].Trim();
        var part = Assert.Single(MultipartBody.Parse(System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType), await File.ReadAllBytesAsync(saved)));
        var file = scratch.Combine("part.dcm");
        await File.WriteAllBytesAsync(file, part.Body);
        var dumped = await Dcmtk.RunAsync("dcmdump", ["+P", "SOPInstanceUID", "+P", "PatientIdentityRemoved", file]);

        // Assert
        Assert.True(dumped.ExitCode == 0, dumped.Output);
        Assert.Contains(study.Images[0].SopInstanceUid, dumped.Output, StringComparison.Ordinal);
        Assert.Contains("YES", dumped.Output, StringComparison.Ordinal);
    }

    // .NET's HttpClient on OpenSSL offers no ALPN for an HTTP/1.1 request: without ALPN a TLS client speaks HTTP/1.1
    // (HTTP/2 over TLS is only ever chosen by ALPN, RFC 9113 section 3.2), and the endpoint must answer it so.
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 0)]
    public async Task DotNetHttpClientOnOpenSsl_RetrievesWithClientCertificate_InTheVersionItAsked(int major, int minor)
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-wado-sslstream");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 1);
        var user = Pki.User(DevUser.Reader);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Pki.CaCertificatePath);
        using var certificate = X509Certificate2.CreateFromPemFile(user.CertificatePath, user.KeyPath);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [certificate];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return presented is not null && chain.Build(new X509Certificate2(presented));
        };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Bridge.ReaderAddress, "dicom-web/" + study.InstancePath(0)))
        {
            Version = new Version(major, minor),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("Accept", DicomParts + "; transfer-syntax=*");

        // Act
        using var answer = await http.SendAsync(request).DefaultTimeout();
        var body = await answer.Content.ReadAsByteArrayAsync().DefaultTimeout();

        // Assert
        Assert.True(answer.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal(new Version(major, minor), answer.Version);
        var part = Assert.Single(MultipartBody.Parse(answer.Content.Headers.ContentType!, body));
        Assert.Equal(study.Images[0].SopInstanceUid, DicomFile.Read(part.Body).Dataset.GetString(DicomTags.SOPInstanceUID));
    }

    [Fact]
    public async Task Retrieve_LaterInstanceDamaged_StreamIsReset_NotEndedAsIfComplete()
    {
        // Arrange: the second instance's ciphertext gets one byte flipped, so its decryption fails mid-answer.
        using var scratch = new TempDirectory("hydra-wado");
        var study = await WadoStudy.IngestAsync(Bridge, Pki, scratch, 3);
        var damaged = Path.Combine(Bridge.DataDirectory, "objects", study.Study, study.Images[1].SopInstanceUid + ".hydra");
        var bytes = await File.ReadAllBytesAsync(damaged);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(damaged, bytes);
        using var reader = Reader();

        // Act
        using var answer = await reader.GetAsync($"studies/{study.Study}");
        var reading = await Record.ExceptionAsync(() => answer.Content.ReadAsByteArrayAsync().DefaultTimeout());

        // Assert: the headers were sent (the first instance was fine), then the stream was reset, not closed.
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(reading is HttpRequestException or IOException, $"reading the body gave {reading?.GetType().Name ?? "no error"}");
    }
}
