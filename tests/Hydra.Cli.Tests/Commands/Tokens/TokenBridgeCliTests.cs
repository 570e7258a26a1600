using System.Text.Json;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cli.Tests.Support;
using Hydra.Cluster;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;

namespace Hydra.Cli.Tests.Commands.Tokens;

/// <summary>
/// End to end with bearer tokens only (no grid credential anywhere): a reader lists and gets images ingested into a
/// real bridge, the nodes releasing shares to the token's <c>oidc:</c> subject; a token without the group gets
/// nothing; an officer whose group holds the auditor role runs <c>hydra audit</c> and sees the reader by principal.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TokenBridgeCliTests : IClassFixture<TokenBridgeCliFixture>, IDisposable
{
    private readonly TokenBridgeCliFixture _fixture;
    private readonly TempDirectory _home = new();

    public TokenBridgeCliTests(TokenBridgeCliFixture fixture) => _fixture = fixture;

    public void Dispose() => _home.Dispose();

    /// <summary>Runs hydra with <paramref name="account"/>'s token in $BEARER_TOKEN and an empty home (no ~/.globus).</summary>
    private async Task<CliRun> AsTokenHolderAsync(OidcAccount account, params string[] args)
    {
        var environment = TestEnvironment.TokenOnly(_home.Path, new Dictionary<string, string?> { ["BEARER_TOKEN"] = await _fixture.TokenOfAsync(account) });
        return await CliRun.RunAsync([.. _fixture.ClusterArguments, .. args], environment).DefaultTimeout();
    }

    private async Task<List<AuditEntry>> AuditOfAsync(string subject)
    {
        var officer = _fixture.Cluster.ConnectAs(DevUser.Officer);
        var entries = new List<AuditEntry>();
        for (var node = 0; node < _fixture.Cluster.NodeCount; node++)
        {
            await foreach (var entry in officer.QueryAuditAsync(TestCluster.NodeId(node), new AuditQueryOptions { Subject = subject }, CancellationToken.None))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    [Fact]
    public async Task ImagesListAndGet_RadiologyTokenOnly_WritesTheOriginalPixels_AndNodesReleaseToTheOidcSubject()
    {
        // Arrange
        var folder = _fixture.NewFolder();
        var study = _fixture.StudyInstanceUid;

        // Act
        var list = await AsTokenHolderAsync(TokenBridgeCliFixture.Radiologist, "--json", "images", "list", "--study", study);
        var get = await AsTokenHolderAsync(TokenBridgeCliFixture.Radiologist, "images", "get", "--study", study, "--out", folder);

        // Assert: both images listed, both written as de-identified DICOM carrying the original pixels.
        Assert.True(list.ExitCode == 0, list.StandardError);
        var images = JsonDocument.Parse(list.StandardOutput).RootElement.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.Equal(study, i.GetProperty("studyInstanceUid").GetString()));
        Assert.True(get.ExitCode == 0, get.StandardError);
        var expected = images.Select(i => Path.Combine(folder, study, i.GetProperty("seriesInstanceUid").GetString()!, i.GetProperty("sopInstanceUid").GetString() + ".dcm"))
            .Order().ToList();
        Assert.Equal(expected, get.OutputLines.Order());
        Assert.Equal(expected, Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order());
        var originalPixels = DicomFile.Open(_fixture.Sent.Files[0]).Dataset.GetBytes(DicomTags.PixelData).ToArray();
        foreach (var path in expected)
        {
            var dataset = DicomFile.Read(await File.ReadAllBytesAsync(path)).Dataset;
            Assert.Equal(Path.GetFileNameWithoutExtension(path), dataset.GetString(DicomTags.SOPInstanceUID));
            Assert.Equal(study, dataset.GetString(DicomTags.StudyInstanceUID));
            Assert.Equal(originalPixels, dataset.GetBytes(DicomTags.PixelData).ToArray());
        }

        // Every image's key was released by at least a threshold of nodes to alice's oidc: subject.
        var audit = await AuditOfAsync(_fixture.Subject(TokenBridgeCliFixture.Radiologist));
        Assert.All(images.Select(i => i.GetProperty("keyId").GetString()), keyId =>
        {
            var released = audit.Where(e => e.Operation == "GetShare" && e.KeyId == keyId && e.Outcome == "allowed").ToList();
            Assert.True(released.Select(e => e.NodeId).Distinct().Count() >= _fixture.Cluster.Threshold, $"{released.Count} nodes released a share of {keyId}");
            Assert.All(released, e => Assert.StartsWith("jti:", e.Issuer, StringComparison.Ordinal));
            Assert.All(released, e => Assert.Contains("/hospital/radiology", e.Fqans));
        });
    }

    [Fact]
    public async Task ImagesListAndGet_TokenWithoutTheGroup_ListsNothingAndCannotGet()
    {
        var folder = _fixture.NewFolder();
        var study = _fixture.StudyInstanceUid;

        var list = await AsTokenHolderAsync(TokenBridgeCliFixture.Cardiologist, "--json", "images", "list");
        var get = await AsTokenHolderAsync(TokenBridgeCliFixture.Cardiologist, "images", "get", "--study", study, "--out", folder);

        Assert.True(list.ExitCode == 0, list.StandardError);
        Assert.Empty(JsonDocument.Parse(list.StandardOutput).RootElement.GetProperty("images").EnumerateArray());
        Assert.Equal(4, get.ExitCode);
        Assert.Contains($"no image of study '{study}' that you may read", get.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());
        Assert.DoesNotContain(await AuditOfAsync(_fixture.Subject(TokenBridgeCliFixture.Cardiologist)),
            e => e.Outcome == "allowed" && e.Operation.StartsWith("GetShare", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_OfficerTokenOnly_VerifiedReportNamesTheReadersOidcPrincipal()
    {
        // Arrange: alice (token only) gets the study, then every node seals its trail.
        var get = await AsTokenHolderAsync(TokenBridgeCliFixture.Radiologist, "images", "get", "--study", _fixture.StudyInstanceUid, "--out", _fixture.NewFolder());
        Assert.True(get.ExitCode == 0, get.StandardError);
        await _fixture.SealAllAsync();
        var alice = _fixture.Subject(TokenBridgeCliFixture.Radiologist);

        // Act
        var run = await AsTokenHolderAsync(TokenBridgeCliFixture.Officer, "--json", "audit");

        // Assert: every trail verified, alice a subject by her oidc: principal, her share releases among the records.
        Assert.True(run.ExitCode == 0, run.StandardError);
        var report = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal("Verified", report.GetProperty("verdict").GetString());
        Assert.Equal(["node1", "node2", "node3"], report.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()).Order());
        Assert.All(report.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("Verified", n.GetProperty("state").GetString()));
        Assert.Contains(report.GetProperty("subjects").EnumerateArray(), s => s.GetProperty("subject").GetString() == alice);
        Assert.Contains(report.GetProperty("records").EnumerateArray(), r => r.GetProperty("subject").GetString() == alice
            && r.GetProperty("operation").GetString() == "GetShare" && r.GetProperty("outcome").GetString() == "allowed");
        // The officer's own query is audited under its token subject, not a DN.
        Assert.Contains(await AuditOfAsync(_fixture.Subject(TokenBridgeCliFixture.Officer)), e => e.Operation == "QueryAudit" && e.Outcome == "allowed");
    }
}
