using System.Net;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Stow;

/// <summary>STOW-RS stores through the C-STORE pipeline: de-identified, encrypted, key split, readable by the ACL.</summary>
public sealed class StowTests : IClassFixture<StowFixture>
{
    private readonly StowFixture _fixture;

    public StowTests(StowFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    private DevPki Pki => _fixture.Pki;

    private StowHttp Sender() => new(Bridge, Pki.TrustDirectory, GridReader.CertificateOf(Pki, DevUser.Admin));

    [Fact]
    public async Task StowOfThreeInstances_StoresThemDeidentified_ListedAndPixelIdentical()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-stow");
        var study = SampleStudy.Write(scratch.Path, 3, size: 64);
        using var sender = Sender();
        var reader = Bridge.ConnectReader(GridReader.ProxyOf(Pki, DevUser.Reader));

        // Act
        var answer = await sender.PostAsync(StowHttp.Body(study.Files));

        // Assert: 200, DICOM JSON naming the stored (pseudonymous) instances, nothing identifying.
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        Assert.Equal("application/dicom+json", answer.ContentType?.MediaType);
        Assert.Empty(answer.Failed);
        Assert.Equal(3, answer.Referenced.Count);
        Assert.False(Leaks.Contains(answer.Body), "the response carries an identifying value");
        var originals = study.Files.Select(f => DicomFile.Open(f).Dataset.GetString(DicomTags.SOPInstanceUID)).ToHashSet();
        Assert.DoesNotContain(study.StudyInstanceUid, answer.Text, StringComparison.Ordinal);
        Assert.All(originals, uid => Assert.DoesNotContain(uid!, answer.Text, StringComparison.Ordinal));
        var stored = answer.Referenced.Select(i => StowAnswer.Value(i, "00081155")!).ToList();
        Assert.All(answer.Referenced, i => Assert.Equal("1.2.840.10008.5.1.4.1.1.2", StowAnswer.Value(i, "00081150")));
        Assert.All(answer.Referenced, i => Assert.EndsWith("/instances/" + StowAnswer.Value(i, "00081155"), StowAnswer.Value(i, "00081190"), StringComparison.Ordinal));

        var listed = await reader.ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        Assert.All(stored, uid => Assert.Contains(listed, image => image.SopInstanceUid == uid));
        var studyUid = Assert.Single(listed.Where(i => stored.Contains(i.SopInstanceUid)).Select(i => i.StudyInstanceUid).Distinct());
        Assert.StartsWith($"https://127.0.0.1:{Bridge.Node.ReaderPort}/dicom-web/studies/{studyUid}/series/", StowAnswer.Value(answer.Referenced[0], "00081190"), StringComparison.Ordinal);
        Assert.Equal($"https://127.0.0.1:{Bridge.Node.ReaderPort}/dicom-web/studies/{studyUid}", StowAnswer.Value(JsonRoot(answer), "00081190"));

        var pixels = DicomFile.Open(study.Files[0]).Dataset.GetBytes(DicomTags.PixelData);
        foreach (var uid in stored)
        {
            var plaintext = await ReadDecryptedAsync(reader, uid);
            Assert.False(Leaks.Contains(plaintext), "the decrypted image carries an identifying value");
            var dataset = DicomFile.Read(plaintext).Dataset;
            Assert.Equal("YES", dataset.GetString(DicomTags.PatientIdentityRemoved));
            Assert.NotEqual("19610704", dataset.GetString(DicomTags.PatientBirthDate));
            Assert.DoesNotContain(dataset.GetString(DicomTags.SOPInstanceUID), originals);
            Assert.True(pixels.Span.SequenceEqual(dataset.GetBytes(DicomTags.PixelData).Span), "pixels differ from the sent ones");
        }

        await StowChecks.AssertOnlyCompleteInstancesAsync(Bridge);
    }

    [Fact]
    public async Task SameFile_ByCStoreAndByStow_GivesTheSameDeidentifiedDataset()
    {
        // Arrange: a second bridge with the first one's secret (so the same pseudonyms) takes the file over STOW-RS.
        using var scratch = new TempDirectory("hydra-stow");
        var file = SampleStudy.Write(scratch.Path, 1, size: 64).Files[0];
        var secret = Path.Combine(Bridge.DataDirectory, "bridge.secret");
        await using var second = await TestBridge.StartAsync(Pki, _fixture.Cluster, options =>
        {
            _fixture.Configure(options);
            options.SecretFile = secret;
        });
        var credential = GridReader.ProxyOf(Pki, DevUser.Reader);
        var firstReader = Bridge.ConnectReader(credential);
        var before = (await firstReader.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();

        // Act
        var sent = await Bridge.StorescuAsync([file]);
        using var sender = new StowHttp(second, Pki.TrustDirectory, GridReader.CertificateOf(Pki, DevUser.Admin));
        var answer = await sender.PostAsync(StowHttp.Body([file]));

        // Assert: the same pseudonymous instance, byte for byte the same de-identified file.
        Assert.True(sent.ExitCode == 0, sent.Output);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        var byCStore = (await firstReader.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Single(i => !before.Contains(i.SopInstanceUid));
        var byStow = StowAnswer.Value(Assert.Single(answer.Referenced), "00081155");
        Assert.Equal(byCStore.SopInstanceUid, byStow);
        var viaCStore = DicomFile.Read(await ReadDecryptedAsync(firstReader, byCStore.SopInstanceUid)).Dataset;
        var viaStow = DicomFile.Read(await ReadDecryptedAsync(second.ConnectReader(credential), byStow!)).Dataset;
        Assert.Equal(Encode(viaCStore), Encode(viaStow));
    }

    [Fact]
    public async Task QuarantinedInstance_IsKeptWithWarningB006_NotRetrievable()
    {
        // Arrange: an image that says it shows a face, which no pixel cleaning cleans: quarantined, as on C-STORE.
        using var scratch = new TempDirectory("hydra-stow");
        var files = SampleStudy.Write(scratch.Path, 1, size: 16, recognizableFace: true).Files;
        using var sender = Sender();
        var catalogued = (await Bridge.Node.CatalogCountAsync());
        var quarantine = Path.Combine(Bridge.DataDirectory, "objects", "quarantine");
        var kept = Directory.Exists(quarantine) ? Directory.GetFiles(quarantine).Length : 0;

        // Act
        var answer = await sender.PostAsync(StowHttp.Body(files));

        // Assert: stored with a warning (202), no instance UID or Retrieve URL, kept encrypted for officers only.
        Assert.True(answer.Status == HttpStatusCode.Accepted, answer.Text);
        var item = Assert.Single(answer.Referenced);
        Assert.Equal("45062", StowAnswer.Value(item, "00081196"));
        Assert.Null(StowAnswer.Value(item, "00081155"));
        Assert.Null(StowAnswer.Value(item, "00081190"));
        Assert.Empty(answer.Failed);
        Assert.Equal(catalogued, (await Bridge.Node.CatalogCountAsync()));
        Assert.Equal(kept + 1, Directory.GetFiles(quarantine).Length);
        Assert.Empty(Leaks.FilesContainingMarker(Bridge.StoredFiles()));
    }

    [Fact]
    public async Task StowOfAHundredSmallInstances_StoresEveryOne()
    {
        using var scratch = new TempDirectory("hydra-stow");
        var study = SampleStudy.Write(scratch.Path, 100, size: 16);
        using var sender = Sender();
        var catalogued = (await Bridge.Node.CatalogCountAsync());

        var answer = await sender.PostAsync(StowHttp.Body(study.Files));

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        Assert.Equal(100, answer.Referenced.Count);
        Assert.Equal(100, answer.Referenced.Select(i => StowAnswer.Value(i, "00081155")).Distinct().Count());
        Assert.Equal(catalogued + 100, (await Bridge.Node.CatalogCountAsync()));
        await StowChecks.AssertOnlyCompleteInstancesAsync(Bridge);
    }

    [Fact]
    public async Task StowToAStudy_FailsTheOtherStudysInstanceWithA900_StoresTheRest()
    {
        using var scratch = new TempDirectory("hydra-stow");
        var first = SampleStudy.Write(scratch.Combine("a"), 2, size: 16);
        var other = SampleStudy.Write(scratch.Combine("b"), 1, size: 16);
        using var sender = Sender();

        var answer = await sender.PostAsync(StowHttp.Body([.. first.Files, .. other.Files]), path: $"dicom-web/studies/{first.StudyInstanceUid}");

        Assert.True(answer.Status == HttpStatusCode.Accepted, answer.Text);
        Assert.Equal(2, answer.Referenced.Count);
        var failed = Assert.Single(answer.Failed);
        Assert.Equal("43264", StowAnswer.Value(failed, "00081197"));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", StowAnswer.Value(failed, "00081150"));
        Assert.DoesNotContain(first.StudyInstanceUid, answer.Text, StringComparison.Ordinal);
        await StowChecks.AssertOnlyCompleteInstancesAsync(Bridge);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Curl_PostsAMultipartFile_GetsDicomJsonNamingTheStoredInstance()
    {
        using var scratch = new TempDirectory("hydra-stow");
        var study = SampleStudy.Write(scratch.Combine("study"), 2, size: 16);
        var body = scratch.Combine("body.multipart");
        await File.WriteAllBytesAsync(body, StowHttp.Body(study.Files));
        var admin = Pki.User(DevUser.Admin);
        var curl = Peers.Require("curl", "curl");

        var posted = await ProcessRunner.RunAsync(curl, [
            "--silent", "--show-error", "--http2", "--cacert", Pki.CaCertificatePath, "--cert", admin.CertificatePath, "--key", admin.KeyPath,
            "-H", "Content-Type: " + StowHttp.MultipartType(), "-H", "Accept: application/dicom+json", "--data-binary", "@" + body,
            "--write-out", "\n%{http_code}", new Uri(Bridge.ReaderAddress, "dicom-web/studies").ToString()], timeout: TaskTimeoutExtensions.DefaultTimeoutSpan);

        Assert.True(posted.ExitCode == 0, posted.Output);
        var lines = posted.StandardOutput.TrimEnd().Split('\n');
        Assert.Equal("200", lines[^1]);
        var answer = new StowAnswer(HttpStatusCode.OK, null, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines[..^1])));
        Assert.Equal(2, answer.Referenced.Count);
        Assert.False(Leaks.Contains(answer.Body));
    }

    private static System.Text.Json.JsonElement JsonRoot(StowAnswer answer) => System.Text.Json.JsonDocument.Parse(answer.Body).RootElement;

    private static byte[] Encode(DicomDataset dataset) => new DicomFile(dataset).ToArray();

    private static async Task<byte[]> ReadDecryptedAsync(Hydra.Client.Bridge.BridgeClient reader, string sopInstanceUid)
    {
        await using var stream = await reader.OpenDicomAsync(sopInstanceUid, CancellationToken.None).DefaultTimeout();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy).DefaultTimeout();
        return copy.ToArray();
    }
}
