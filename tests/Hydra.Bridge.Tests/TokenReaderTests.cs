using System.Net;
using Hydra.Bridge.Contract;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Client.Bridge;
using Hydra.Cluster;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;

namespace Hydra.Bridge.Tests;

/// <summary>
/// Readers holding bearer tokens (a real OpenID provider, WLCG groups): they list what their groups may read, fetch
/// ciphertext, and get decrypted DICOM files whose keys the bridge rebuilds on their behalf, the nodes deciding by the
/// reader's ACL and auditing reader and bridge.
/// </summary>
public sealed class TokenReaderTests : IClassFixture<TokenBridgeFixture>
{
    private readonly TokenBridgeFixture _fixture;

    public TokenReaderTests(TokenBridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    private TestCluster Cluster => _fixture.Cluster;

    private DevPki Pki => _fixture.Pki;

    /// <summary>Sends a study of <paramref name="count"/> images; returns it and the images the radiologist's token now lists.</summary>
    private async Task<(SampleStudy Study, IReadOnlyList<ImageSummary> Images)> IngestAsync(TempDirectory scratch, BridgeClient lister, int count)
    {
        var before = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();
        var study = SampleStudy.Write(scratch.Path, count, size: 64);
        var sent = await Bridge.StorescuAsync(study.Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var added = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Where(i => !before.Contains(i.SopInstanceUid)).ToList();
        Assert.Equal(count, added.Count);
        return (study, added);
    }

    private static async Task<byte[]> ReadAllAsync(Task<Stream> opening)
    {
        using var buffer = new MemoryStream();
        await using (var stream = await opening.DefaultTimeout())
        {
            await stream.CopyToAsync(buffer).DefaultTimeout();
        }

        return buffer.ToArray();
    }

    private async Task<List<Audit.AuditEntry>> AuditOfAsync(string subject)
    {
        var officer = Cluster.ConnectAs(DevUser.Officer);
        var entries = new List<Audit.AuditEntry>();
        for (var node = 0; node < Cluster.NodeCount; node++)
        {
            await foreach (var entry in officer.QueryAuditAsync(TestCluster.NodeId(node), new AuditQueryOptions { Subject = subject }, CancellationToken.None))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    [Fact]
    public async Task RadiologyToken_ListsAndGetsDecryptedDicom_OriginalPixels_AuditedAsTokenSubjectWithBridgeAsDelegate()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-token-study");
        var radiologist = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Radiologist));
        var (study, images) = await IngestAsync(scratch, radiologist, 2);
        var original = DicomFile.Open(study.Files[0]).Dataset;

        // Act
        var dicom = await ReadAllAsync(radiologist.OpenDicomAsync(images[0].SopInstanceUid, CancellationToken.None));
        var ciphertext = await ReadAllAsync(radiologist.OpenObjectAsync(images[0].SopInstanceUid, CancellationToken.None));

        // Assert: the file parses with our codec, is de-identified and carries the original pixels.
        var dataset = DicomFile.Read(dicom).Dataset;
        Assert.Equal(images[0].SopInstanceUid, dataset.GetString(DicomTags.SOPInstanceUID));
        Assert.NotEqual(study.StudyInstanceUid, dataset.GetString(DicomTags.StudyInstanceUID));
        Assert.True(original.GetBytes(DicomTags.PixelData).Span.SequenceEqual(dataset.GetBytes(DicomTags.PixelData).Span));
        Assert.False(Leaks.Contains(dicom), "the decrypted image carries an identifying value");
        Assert.Equal(images[0].Size, ciphertext.Length);
        // The nodes released the shares to the token's subject, the bridge recorded as its delegate, the token id audited.
        var subject = TokenBridgeFixture.Subject(_fixture.Provider, TokenBridgeFixture.Radiologist);
        var released = (await AuditOfAsync(subject)).Where(e => e.Operation == "GetShare" && e.KeyId == images[0].KeyId && e.Outcome == "allowed").ToList();
        Assert.True(released.Count >= Cluster.Threshold, $"{released.Count} nodes released a share");
        Assert.All(released, e => Assert.Equal(Pki.Host("bridge").SubjectDn, e.Delegate));
        Assert.All(released, e => Assert.StartsWith("jti:", e.Issuer, StringComparison.Ordinal));
        Assert.All(released, e => Assert.Contains("/hospital/radiology", e.Fqans));
    }

    [Fact]
    public async Task CertificateReader_GetsDecryptedDicom_ItsChainForwardedToTheNodes()
    {
        using var scratch = new TempDirectory("hydra-token-study");
        var lister = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Radiologist));
        var (_, images) = await IngestAsync(scratch, lister, 1);
        var reader = Bridge.ConnectReader(GridReader.ProxyOf(Pki, DevUser.Reader));

        var dicom = await ReadAllAsync(reader.OpenDicomAsync(images[0].SopInstanceUid, CancellationToken.None));

        Assert.Equal(images[0].SopInstanceUid, DicomFile.Read(dicom).Dataset.GetString(DicomTags.SOPInstanceUID));
        var released = (await AuditOfAsync(Pki.User(DevUser.Reader).SubjectDn)).Where(e => e.KeyId == images[0].KeyId && e.Outcome == "allowed").ToList();
        Assert.NotEmpty(released);
        Assert.All(released, e => Assert.Equal(Pki.Host("bridge").SubjectDn, e.Delegate));
    }

    [Fact]
    public async Task TokenBesideAClientCertificate_TheTokenNamesTheCaller()
    {
        // The researcher's certificate alone sees nothing of radiology's; with the radiologist's token it only secures the channel.
        using var scratch = new TempDirectory("hydra-token-study");
        var lister = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Radiologist));
        var (_, images) = await IngestAsync(scratch, lister, 1);
        var researcher = GridReader.CertificateOf(Pki, DevUser.Researcher);
        var both = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Radiologist), researcher);

        var asResearcher = await Bridge.ConnectReader(researcher).ListImagesAsync(images[0].StudyInstanceUid, CancellationToken.None).DefaultTimeout();
        var asTokenHolder = await both.ListImagesAsync(images[0].StudyInstanceUid, CancellationToken.None).DefaultTimeout();

        Assert.Empty(asResearcher);
        Assert.Equal([images[0].SopInstanceUid], asTokenHolder.Select(i => i.SopInstanceUid));
    }

    [Fact]
    public async Task TokenWithoutTheGroup_SameAnswerForExistingAndMissingImages_AndNodesReleaseNothing()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-token-study");
        var lister = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Radiologist));
        var (_, images) = await IngestAsync(scratch, lister, 1);
        var cardiologist = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Cardiologist));
        const string missing = "2.25.1234567890";

        // Act
        var listed = await cardiologist.ListImagesAsync(images[0].StudyInstanceUid, CancellationToken.None).DefaultTimeout();
        var existing = await Assert.ThrowsAsync<BridgeException>(() => cardiologist.OpenDicomAsync(images[0].SopInstanceUid, CancellationToken.None).DefaultTimeout());
        var absent = await Assert.ThrowsAsync<BridgeException>(() => cardiologist.OpenDicomAsync(missing, CancellationToken.None).DefaultTimeout());
        var ciphertext = await Assert.ThrowsAsync<BridgeException>(() => cardiologist.OpenObjectAsync(images[0].SopInstanceUid, CancellationToken.None).DefaultTimeout());

        // Assert: one status and one sentence (but for the UID asked), and not a share released to this subject.
        Assert.Empty(listed);
        Assert.Equal(HttpStatusCode.NotFound, existing.Status);
        Assert.Equal(absent.Status, existing.Status);
        Assert.Equal(absent.Message.Replace(missing, "UID", StringComparison.Ordinal), existing.Message.Replace(images[0].SopInstanceUid, "UID", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, ciphertext.Status);
        var subject = TokenBridgeFixture.Subject(_fixture.Provider, TokenBridgeFixture.Cardiologist);
        Assert.DoesNotContain(await AuditOfAsync(subject), e => e.Outcome == "allowed" && e.Operation.StartsWith("GetShare", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenForTheBridgeOnly_NodesRefuseTheDelegatedKey_ClearlyAndAudited()
    {
        // The bridge accepts its own audience, but the nodes validate the forwarded token against theirs.
        using var scratch = new TempDirectory("hydra-token-study");
        var lister = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Radiologist));
        var (_, images) = await IngestAsync(scratch, lister, 1);
        var bridgeOnly = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Radiologist, TokenBridgeFixture.BridgeAudience));

        Assert.NotEmpty(await bridgeOnly.ListImagesAsync(images[0].StudyInstanceUid, CancellationToken.None).DefaultTimeout());
        var refused = await Assert.ThrowsAsync<BridgeException>(() => bridgeOnly.OpenDicomAsync(images[0].SopInstanceUid, CancellationToken.None).DefaultTimeout());

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("WrongAudience", refused.Message, StringComparison.Ordinal);
        var subject = TokenBridgeFixture.Subject(_fixture.Provider, TokenBridgeFixture.Radiologist);
        Assert.Contains(await AuditOfAsync(subject), e => e.KeyId == images[0].KeyId && e.Outcome == "denied" && e.Reason.Contains("WrongAudience", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DamagedStoredObject_500_AndNoUnverifiedByteServed()
    {
        // Arrange: one bit of an image's ciphertext flipped on disk (its single segment then fails its tag).
        using var scratch = new TempDirectory("hydra-token-study");
        var radiologist = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Radiologist));
        var (_, images) = await IngestAsync(scratch, radiologist, 1);
        var path = Path.Combine(Bridge.DataDirectory, "objects", images[0].StudyInstanceUid, images[0].SopInstanceUid + ".hydra");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^8] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        // Act
        var refused = await Assert.ThrowsAsync<BridgeException>(() => radiologist.OpenDicomAsync(images[0].SopInstanceUid, CancellationToken.None).DefaultTimeout());

        // Assert
        Assert.Equal(HttpStatusCode.InternalServerError, refused.Status);
        Assert.Contains("damaged", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCurator_Revokes_TokenNonCuratorIsRefused()
    {
        using var scratch = new TempDirectory("hydra-token-study");
        var radiologist = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Radiologist));
        var (_, images) = await IngestAsync(scratch, radiologist, 1);
        var curator = Bridge.ConnectReader(await _fixture.TokenAsync(TokenBridgeFixture.Curator));
        var cardiologists = "fqan:/hospital/cardiology";

        var result = await curator.RevokeAsync(images[0].StudyInstanceUid, cardiologists, CancellationToken.None).DefaultTimeout();
        var refused = await Assert.ThrowsAsync<BridgeException>(() => radiologist.RevokeAsync(images[0].StudyInstanceUid, cardiologists, CancellationToken.None).DefaultTimeout());

        Assert.Equal(1, result.Keys);
        Assert.Empty(result.Incomplete);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("not a curator", refused.Message, StringComparison.Ordinal);
    }
}
