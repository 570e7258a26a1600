using Hydra.Access;
using Hydra.Bridge.Patients;
using Hydra.Bridge.Storage;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Bridge.Tests.Patients;

/// <summary>
/// What a signed-in patient sees and may do, from the catalog by pseudonym only: their studies with real dates, never
/// another patient's, whatever UID they ask for; and the withdrawal of research access on every node.
/// </summary>
public sealed class PatientRecordsTests : IClassFixture<PatientFixture>
{
    private readonly PatientFixture _fixture;

    public PatientRecordsTests(PatientFixture fixture) => _fixture = fixture;

    private IPatientRecords Records => _fixture.Records;

    [Fact]
    public async Task Studies_SignedInPatient_ListsTheirStudyWithItsRealDateAndSeries()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-patient");
        var entries = await _fixture.StoreStudyAsync(scratch, SampleStudy.Marker + "-LIST", 3);
        var session = Records.SignIn(SampleStudy.Marker + "-LIST");

        // Act
        var studies = (await Records.StudiesAsync(session, CancellationToken.None));
        var series = (await Records.SeriesAsync(session, entries[0].StudyInstanceUid, CancellationToken.None));

        // Assert: the catalog holds the shifted date; the patient sees the one the hospital recorded.
        Assert.NotNull(session.DateOffsetDays);
        Assert.NotEqual("20240315", entries[0].StudyDate);
        var study = Assert.Single(studies);
        Assert.Equal(entries[0].StudyInstanceUid, study.StudyInstanceUid);
        Assert.Equal(new DateOnly(2024, 3, 15), study.StudyDate);
        Assert.Equal(["CT"], study.Modalities);
        Assert.Equal((1, 3), (study.SeriesCount, study.ImageCount));
        var only = Assert.Single(series!);
        Assert.Equal((1, "CT", "CHEST", 3), (only.SeriesNumber!.Value, only.Modality, only.BodyPart, only.ImageCount));
        Assert.Equal(entries.Single(e => e.InstanceNumber == 1).SopInstanceUid, only.FirstSopInstanceUid);
    }

    [Fact]
    public async Task PatientA_AskingForPatientBsStudyOrImage_GetsNothingAndChangesNothing()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-patient");
        var mine = await _fixture.StoreStudyAsync(scratch, SampleStudy.Marker + "-A", 2);
        var theirs = await _fixture.StoreStudyAsync(scratch, SampleStudy.Marker + "-B", 2);
        var a = Records.SignIn(SampleStudy.Marker + "-A");
        var b = Records.SignIn(SampleStudy.Marker + "-B");
        var other = theirs[0];
        using var zip = new MemoryStream();

        // Act
        var studies = (await Records.StudiesAsync(a, CancellationToken.None));
        var series = (await Records.SeriesAsync(a, other.StudyInstanceUid, CancellationToken.None));
        var image = await Records.OpenImageAsync(a, other.SopInstanceUid, CancellationToken.None).DefaultTimeout();
        var zipped = await Records.WriteStudyZipAsync(a, other.StudyInstanceUid, zip, CancellationToken.None).DefaultTimeout();
        var withdrawn = await Records.WithdrawResearchAsync(a, other.StudyInstanceUid, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.NotEqual(a.Patient, b.Patient);
        Assert.Equal([mine[0].StudyInstanceUid], studies.Select(s => s.StudyInstanceUid));
        Assert.Equal([other.StudyInstanceUid], (await Records.StudiesAsync(b, CancellationToken.None)).Select(s => s.StudyInstanceUid));
        Assert.Null(series);
        Assert.Null(image);
        Assert.False(zipped);
        Assert.Equal(0, zip.Length);
        Assert.Null(withdrawn);
        var acl = await _fixture.Bridge.Node.Cluster.GetAclAsync(KeyId.Parse(other.KeyId), CancellationToken.None).DefaultTimeout();
        Assert.DoesNotContain(acl.Acl!.Entries, e => e.Deny);
    }

    [Fact]
    public async Task WithdrawResearchAsync_OwnStudy_DeniesResearchOnEveryNodeAndTheResearcherIsRefused()
    {
        // Arrange: the researcher's VO may read the study before.
        using var scratch = new TempDirectory("hydra-patient");
        var entries = await _fixture.StoreStudyAsync(scratch, SampleStudy.Marker + "-WITHDRAW", 2);
        var session = Records.SignIn(SampleStudy.Marker + "-WITHDRAW");
        var researcher = _fixture.Cluster.Connect(GridReader.ProxyOf(_fixture.Pki, DevUser.Researcher));
        using (await researcher.GetKeyAsync(KeyId.Parse(entries[0].KeyId), CancellationToken.None).DefaultTimeout())
        {
        }

        // Act
        var result = await Records.WithdrawResearchAsync(session, entries[0].StudyInstanceUid, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal((entries[0].StudyInstanceUid, 2, true), (result!.StudyInstanceUid, result.Keys, result.Complete));
        Assert.Equal([PatientFixture.Research], result.Principals);
        var deny = AclEntry.ParseRule("!" + PatientFixture.Research + "=g");
        foreach (var entry in entries)
        {
            var acl = await _fixture.Bridge.Node.Cluster.GetAclAsync(KeyId.Parse(entry.KeyId), CancellationToken.None).DefaultTimeout();
            Assert.Equal(_fixture.Cluster.NodeCount, acl.PerNode.Count);
            Assert.All(acl.PerNode.Values, node => Assert.Contains(deny, node.Entries));
            var refused = await Assert.ThrowsAsync<ClusterException>(
                () => researcher.GetKeyAsync(KeyId.Parse(entry.KeyId), CancellationToken.None).DefaultTimeout());
            Assert.True(refused.IsAccessDenied, refused.Message);
        }

        var catalogued = await _fixture.Bridge.Node.Services.GetRequiredService<IBridgeStore>().StudyEntriesAsync(entries[0].StudyInstanceUid, CancellationToken.None);
        Assert.All(catalogued, e => Assert.Contains(deny.ToRule(), e.Acl));
        Assert.NotNull((await Records.SeriesAsync(session, entries[0].StudyInstanceUid, CancellationToken.None)));
    }

    [Fact]
    public async Task WithdrawResearchAsync_HospitalDoesNotAllowIt_IsRefusedAndChangesNothing()
    {
        // Arrange
        await using var bridge = await TestBridge.StartAsync(_fixture.Pki, _fixture.Cluster);
        var records = bridge.Node.Services.GetRequiredService<IPatientRecords>();
        var session = records.SignIn(SampleStudy.Marker + "-MRN");
        using var scratch = new TempDirectory("hydra-patient");
        var sent = await bridge.StorescuAsync(SampleStudy.Write(scratch.Path, 1, size: 32).Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var study = Assert.Single((await records.StudiesAsync(session, CancellationToken.None)));

        // Act
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(
            () => records.WithdrawResearchAsync(session, study.StudyInstanceUid, CancellationToken.None).DefaultTimeout());

        // Assert
        Assert.False(records.MayWithdraw);
        Assert.Contains("Bridge:Patients:MayWithdraw", refusal.Message, StringComparison.Ordinal);
        var entry = (await bridge.Node.Services.GetRequiredService<IBridgeStore>().StudyEntriesAsync(study.StudyInstanceUid, CancellationToken.None)).Single();
        Assert.DoesNotContain(entry.Acl, rule => rule.StartsWith('!'));
    }
}
