using System.Text;
using System.Text.Json;
using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Cli.Tests.Support;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Cli.Tests.Commands.Images;

/// <summary>
/// <c>hydra images</c> against a real cluster and bridge that ingested sample CT studies by storescu: readers list and
/// fetch de-identified images with their own proxy, strangers get nothing, curators revoke.
/// </summary>
public sealed class ImagesCommandTests : IClassFixture<ImagesCliFixture>
{
    private readonly ImagesCliFixture _fixture;

    public ImagesCommandTests(ImagesCliFixture fixture) => _fixture = fixture;

    private string ReaderDn => "dn:" + _fixture.Pki.User(DevUser.Reader).SubjectDn;

    private Task<CliRun> AsReader(params string[] args) => CliRun.RunAsync([.. _fixture.AsReaderProxy(), .. args]).DefaultTimeout();

    private Task<CliRun> As(string user, params string[] args) => CliRun.RunAsync([.. _fixture.As(user), .. args]).DefaultTimeout();

    [Fact]
    public async Task List_ReaderProxy_ShowsTheStudyByPseudonymousUidsOnly()
    {
        var study = _fixture.Study;

        var json = await AsReader("--json", "images", "list", "--study", study.StudyInstanceUid);
        var table = await AsReader("images", "list");

        Assert.True(json.ExitCode == 0, json.StandardError);
        var images = JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(3, images.Count);
        Assert.All(images, i => Assert.Equal(study.StudyInstanceUid, i.GetProperty("studyInstanceUid").GetString()));
        Assert.Equal(study.Images.Select(i => i.SopInstanceUid).Order(), images.Select(i => i.GetProperty("sopInstanceUid").GetString()).Order());
        Assert.NotEqual(study.Sent.StudyInstanceUid, study.StudyInstanceUid);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(study.StudyInstanceUid, table.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleStudy.Marker, json.StandardOutput + table.StandardOutput + table.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task GetStudyAndKey_HydraProcessUnderUmask022_WritesFiles0600_InFolders0700()
    {
        // Arrange: the real hydra program under the usual umask, into a folder it has to create, and over a key file
        // an earlier careless copy left readable by all.
        var study = _fixture.Study;
        var folder = _fixture.NewFolder();
        var keyFile = _fixture.NewFolder() + ".key";
        await File.WriteAllTextAsync(keyFile, "old");
        File.SetUnixFileMode(keyFile, (UnixFileMode)Convert.ToInt32("644", 8));

        // Act
        var get = await HydraProcess.RunAsync("022", [.. _fixture.AsReaderProxy(), "images", "get", "--study", study.StudyInstanceUid, "--out", folder])
            .DefaultTimeout();
        var key = await HydraProcess.RunAsync("022", [.. _fixture.AsReaderProxy(), "key", "get", study.Images[0].KeyId, "--out", keyFile])
            .DefaultTimeout();

        // Assert: decrypted images and the key are the reader's alone.
        Assert.True(get.ExitCode == 0, get.Output);
        Assert.True(key.ExitCode == 0, key.Output);
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Assert.Equal(study.Images.Count, files.Length);
        Assert.All(files.Append(keyFile), file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
        Assert.All(Directory.GetDirectories(folder, "*", SearchOption.AllDirectories).Append(folder), d =>
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(d)));
        Assert.Equal(64, (await File.ReadAllTextAsync(keyFile)).Trim().Length);
    }

    [Fact]
    public async Task GetStudy_ReaderProxy_WritesDeidentifiedDicomWithTheOriginalPixels()
    {
        var study = _fixture.Study;
        var folder = _fixture.NewFolder();

        var get = await AsReader("images", "get", "--study", study.StudyInstanceUid, "--out", folder);

        Assert.True(get.ExitCode == 0, get.StandardError);
        var expected = study.Images.Select(i => Path.Combine(folder, i.StudyInstanceUid, i.SeriesInstanceUid, i.SopInstanceUid + ".dcm")).Order().ToList();
        Assert.Equal(expected, get.OutputLines.Order());
        Assert.Equal(expected, Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order());
        var originalPixels = DicomFile.Open(study.Sent.Files[0]).Dataset.GetBytes(DicomTags.PixelData).ToArray();
        foreach (var path in expected)
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.False(ContainsMarker(bytes), $"{path} holds an identifying value");
            var dataset = DicomFile.Read(bytes).Dataset;
            Assert.Equal(Path.GetFileNameWithoutExtension(path), dataset.GetString(DicomTags.SOPInstanceUID));
            Assert.Equal(study.StudyInstanceUid, dataset.GetString(DicomTags.StudyInstanceUID));
            Assert.Equal("CT", dataset.GetString(DicomTags.Modality));
            Assert.Equal(originalPixels, dataset.GetBytes(DicomTags.PixelData).ToArray());
        }
    }

    [Fact]
    public async Task GetBySopUids_OneNotReadable_WritesTheOthersAndNamesTheRefusal()
    {
        var wanted = _fixture.Study.Images.Take(2).Select(i => i.SopInstanceUid).ToList();
        var folder = _fixture.NewFolder();

        var get = await AsReader("--json", "images", "get", wanted[0], "2.25.1234", wanted[1], "--out", folder);

        Assert.Equal(4, get.ExitCode);
        var result = JsonDocument.Parse(get.StandardOutput).RootElement;
        Assert.Equal(2, result.GetProperty("written").GetInt32());
        var outcomes = result.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal([wanted[0], "2.25.1234", wanted[1]], outcomes.Select(o => o.GetProperty("sopInstanceUid").GetString()));
        Assert.Equal("Denied", outcomes[1].GetProperty("error").GetString());
        Assert.Contains("image 2.25.1234: The bridge has no image '2.25.1234' that you may read", get.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(folder, "*.dcm", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task ListAndGet_Strangers_SeeNothingAndAreRefused()
    {
        var study = _fixture.Study;
        var folder = _fixture.NewFolder();

        var list = await As(DevUser.Researcher, "--json", "images", "list");
        var getStudy = await As(DevUser.Researcher, "images", "get", "--study", study.StudyInstanceUid, "--out", folder);
        var getSop = await As(DevUser.NoVo, "images", "get", study.Images[0].SopInstanceUid, "--out", folder);

        Assert.Equal(0, list.ExitCode);
        Assert.Empty(JsonDocument.Parse(list.StandardOutput).RootElement.GetProperty("images").EnumerateArray());
        Assert.Equal(4, getStudy.ExitCode);
        Assert.Contains($"no image of study '{study.StudyInstanceUid}' that you may read", getStudy.StandardError, StringComparison.Ordinal);
        Assert.Equal(4, getSop.ExitCode);
        Assert.Contains($"image {study.Images[0].SopInstanceUid}: The bridge has no image", getSop.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());
    }

    [Fact]
    public async Task GetStudy_KeystoreRefusesOneKey_WritesTheOtherAndNamesTheRefusedImage()
    {
        var study = await _fixture.IngestAsync(2);
        var refused = study.Images[0];
        var owner = _fixture.Cluster.ConnectAsHost("bridge");
        var keyId = KeyId.Parse(refused.KeyId);
        var acl = await owner.GetAclAsync(keyId, CancellationToken.None).DefaultTimeout();
        await owner.SetAclAsync(keyId, [.. acl.Acl!.Entries, AclEntry.For(ReaderDn, KeyPermissions.GetShare, deny: true)], CancellationToken.None)
            .DefaultTimeout();
        var folder = _fixture.NewFolder();

        var get = await AsReader("images", "get", "--study", study.StudyInstanceUid, "--out", folder);

        Assert.Equal(4, get.ExitCode);
        Assert.Contains($"hydra: error: image {refused.SopInstanceUid}: Key '{refused.KeyId}' cannot be rebuilt", get.StandardError, StringComparison.Ordinal);
        Assert.Contains("PermissionDenied", get.StandardError, StringComparison.Ordinal);
        var written = Assert.Single(get.OutputLines);
        Assert.EndsWith(study.Images[1].SopInstanceUid + ".dcm", written, StringComparison.Ordinal);
        Assert.Equal([written], Directory.GetFiles(folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Revoke_ByCurator_ThenTheReaderIsRefusedByBridgeAndEveryNode()
    {
        var study = await _fixture.IngestAsync(2);
        var folder = _fixture.NewFolder();

        var revoke = await As(DevUser.Clinician, "--json", "images", "revoke", "--study", study.StudyInstanceUid, "--principal", ReaderDn);
        var getStudy = await AsReader("images", "get", "--study", study.StudyInstanceUid, "--out", folder);
        var getSop = await AsReader("images", "get", study.Images[0].SopInstanceUid, "--out", folder);
        var key = await CliRun.RunAsync([.. _fixture.AsReaderProxy(), "key", "get", study.Images[0].KeyId]).DefaultTimeout();
        var stillReadable = await AsReader("images", "get", _fixture.Study.Images[0].SopInstanceUid, "--out", folder);

        Assert.True(revoke.ExitCode == 0, revoke.StandardError);
        var result = JsonDocument.Parse(revoke.StandardOutput).RootElement;
        Assert.Equal(2, result.GetProperty("keys").GetInt32());
        Assert.Empty(result.GetProperty("incomplete").EnumerateArray());
        Assert.Equal(4, getStudy.ExitCode);
        Assert.Equal(4, getSop.ExitCode);
        Assert.Contains($"image {study.Images[0].SopInstanceUid}:", getSop.StandardError, StringComparison.Ordinal);
        Assert.Equal(4, key.ExitCode);
        Assert.Empty(key.StandardOutput);
        Assert.Equal(0, stillReadable.ExitCode);
    }

    [Fact]
    public async Task Revoke_ByReader_IsRefusedAsNotACurator()
    {
        var study = _fixture.Study;

        var revoke = await AsReader("images", "revoke", "--study", study.StudyInstanceUid, "--principal", "fqan:/hospital/radiology");
        var list = await AsReader("--json", "images", "list", "--study", study.StudyInstanceUid);

        Assert.Equal(4, revoke.ExitCode);
        Assert.Contains("The bridge refused", revoke.StandardError, StringComparison.Ordinal);
        Assert.Contains("is not a curator", revoke.StandardError, StringComparison.Ordinal);
        Assert.Equal(3, JsonDocument.Parse(list.StandardOutput).RootElement.GetProperty("images").GetArrayLength());
    }

    [Fact]
    public async Task Images_ClusterFileWithoutBridge_NamesTheMissingEntry()
    {
        var file = Path.Combine(_fixture.NewFolder() + "-cluster.json");
        _fixture.Cluster.Configuration().Save(file);

        var list = await CliRun.RunAsync([.. _fixture.As(DevUser.Reader, file), "images", "list"]).DefaultTimeout();

        Assert.Equal(2, list.ExitCode);
        Assert.Contains($"The cluster file '{file}' has no \"bridge\" entry", list.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_BridgeUnreachable_NamesTheBridge()
    {
        var file = Path.Combine(_fixture.NewFolder() + "-cluster.json");
        var endpoint = $"127.0.0.1:{FreePort.Next()}";
        (_fixture.Cluster.Configuration() with { Bridge = new ClusterNode("bridge", endpoint, "127.0.0.1") }).Save(file);

        var list = await CliRun.RunAsync([.. _fixture.As(DevUser.Reader, file), "--json", "images", "list"]).DefaultTimeout();

        Assert.Equal(6, list.ExitCode);
        Assert.Contains($"The bridge at {endpoint} could not be reached", list.StandardError, StringComparison.Ordinal);
        Assert.Equal("BridgeUnavailable", JsonDocument.Parse(list.StandardOutput).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Get_BothOrNeitherStudyAndSopUids_IsAUsageError()
    {
        var neither = await AsReader("images", "get", "--out", _fixture.NewFolder());
        var both = await AsReader("images", "get", "--study", _fixture.Study.StudyInstanceUid, _fixture.Study.Images[0].SopInstanceUid, "--out", _fixture.NewFolder());

        Assert.Equal(2, neither.ExitCode);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("Give either --study UID or one or more SOP instance UIDs", neither.StandardError, StringComparison.Ordinal);
    }

    private static bool ContainsMarker(byte[] bytes) =>
        bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(SampleStudy.Marker)) >= 0
        || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(SampleStudy.Marker)) >= 0;
}
