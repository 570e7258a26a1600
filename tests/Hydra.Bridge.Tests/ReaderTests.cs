using System.Net;
using Hydra.Bridge.Contract;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Client.Bridge;
using Hydra.Cluster;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;

namespace Hydra.Bridge.Tests;

/// <summary>Grid readers: they list what their ACL lets them read, download ciphertext, and rebuild keys themselves.</summary>
public sealed class ReaderTests : IClassFixture<BridgeFixture>
{
    private readonly BridgeFixture _fixture;

    public ReaderTests(BridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    private TestCluster Cluster => _fixture.Cluster;

    private DevPki Pki => _fixture.Pki;

    private async Task<(SampleStudy Study, IReadOnlyList<ImageSummary> Images)> IngestAsync(TempDirectory scratch, int count)
    {
        var lister = Bridge.ConnectReader(GridReader.ProxyOf(Pki, DevUser.Reader));
        var before = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();
        var study = SampleStudy.Write(scratch.Path, count, size: 64);
        var sent = await Bridge.StorescuAsync(study.Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var added = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Where(i => !before.Contains(i.SopInstanceUid)).ToList();
        Assert.Equal(count, added.Count);
        Assert.Single(added.Select(i => i.StudyInstanceUid).Distinct());
        return (study, added);
    }

    [Fact]
    public async Task ReaderProxy_ListsDownloadsAndDecrypts_DeidentifiedImagesWithOriginalPixels()
    {
        using var scratch = new TempDirectory("hydra-study");
        var (study, images) = await IngestAsync(scratch, 3);
        var reader = GridReader.ProxyOf(Pki, DevUser.Reader);
        var original = DicomFile.Open(study.Files[0]).Dataset;

        var decrypted = new List<DicomDataset>();
        foreach (var image in images)
        {
            var plaintext = await GridReader.ReadImageAsync(Bridge, Cluster, reader, image);
            Assert.False(Leaks.Contains(plaintext), "the decrypted image carries an identifying value");
            decrypted.Add(GridReader.Parse(plaintext).Dataset);
        }

        Assert.All(decrypted, d => Assert.Equal(images[0].StudyInstanceUid, d.GetString(DicomTags.StudyInstanceUID)));
        Assert.All(decrypted, d => Assert.NotEqual(study.StudyInstanceUid, d.GetString(DicomTags.StudyInstanceUID)));
        Assert.Equal(images.Select(i => i.SopInstanceUid).Order(), decrypted.Select(d => d.GetString(DicomTags.SOPInstanceUID)).Order());
        Assert.All(decrypted, d => Assert.True(original.GetBytes(DicomTags.PixelData).Span.SequenceEqual(d.GetBytes(DicomTags.PixelData).Span)));
        Assert.All(decrypted, d => Assert.Equal("YES", d.GetString(DicomTags.PatientIdentityRemoved)));
        Assert.All(images, i => Assert.Equal("CT", i.Modality));
    }

    [Fact]
    public async Task Stranger_SeesNothing_GetsNotFound_AndIsRefusedTheKey()
    {
        using var scratch = new TempDirectory("hydra-study");
        var (_, images) = await IngestAsync(scratch, 2);
        var stranger = GridReader.ProxyOf(Pki, DevUser.Researcher);
        var client = Bridge.ConnectReader(stranger);

        var listed = await client.ListImagesAsync(images[0].StudyInstanceUid, CancellationToken.None).DefaultTimeout();
        var download = await Assert.ThrowsAsync<BridgeException>(() => client.OpenObjectAsync(images[0].SopInstanceUid, CancellationToken.None).DefaultTimeout());
        var key = await Assert.ThrowsAsync<ClusterException>(() => Cluster.Connect(stranger).GetKeyAsync(KeyId.Parse(images[0].KeyId), CancellationToken.None).DefaultTimeout());

        Assert.Empty(listed);
        Assert.Equal(HttpStatusCode.NotFound, download.Status);
        Assert.Contains("denied", key.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CuratorRevokesReader_ReaderIsRefusedOnEveryNode_AndNoLongerListsTheStudy()
    {
        using var scratch = new TempDirectory("hydra-study");
        var (_, images) = await IngestAsync(scratch, 2);
        var reader = GridReader.ProxyOf(Pki, DevUser.Reader);
        var curator = Bridge.ConnectReader(GridReader.CertificateOf(Pki, DevUser.Clinician));

        var result = await curator.RevokeAsync(images[0].StudyInstanceUid, "dn:" + Pki.User(DevUser.Reader).SubjectDn, CancellationToken.None).DefaultTimeout();

        Assert.Equal(2, result.Keys);
        Assert.Empty(result.Incomplete);
        Assert.Empty(await Bridge.ConnectReader(reader).ListImagesAsync(images[0].StudyInstanceUid, CancellationToken.None).DefaultTimeout());
        var readerCluster = Cluster.Connect(reader);
        var acl = await Cluster.ConnectAsHost("bridge").GetAclAsync(KeyId.Parse(images[0].KeyId), CancellationToken.None).DefaultTimeout();
        Assert.Equal(Cluster.NodeCount, acl.PerNode.Count);
        Assert.All(acl.PerNode.Values, rules => Assert.Contains(rules.Entries, e => e.Deny && e.Principal.Canonical == "dn:" + Pki.User(DevUser.Reader).SubjectDn));
        var refusal = await Assert.ThrowsAsync<ClusterException>(() => readerCluster.GetKeyAsync(KeyId.Parse(images[0].KeyId), CancellationToken.None).DefaultTimeout());
        Assert.Contains("denied", refusal.Message, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<ClusterException>(() => readerCluster.GetKeyAsync(KeyId.Parse(images[1].KeyId), CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task NonCurator_CannotRevoke()
    {
        using var scratch = new TempDirectory("hydra-study");
        var (_, images) = await IngestAsync(scratch, 1);
        var reader = Bridge.ConnectReader(GridReader.ProxyOf(Pki, DevUser.Reader));

        var error = await Assert.ThrowsAsync<BridgeException>(() =>
            reader.RevokeAsync(images[0].StudyInstanceUid, "dn:" + Pki.User(DevUser.Clinician).SubjectDn, CancellationToken.None).DefaultTimeout());

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Contains("not a curator", error.Message, StringComparison.Ordinal);
    }
}
