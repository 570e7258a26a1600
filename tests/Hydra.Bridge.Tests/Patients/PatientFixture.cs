using Hydra.Bridge.Patients;
using Hydra.Bridge.Storage;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Keystore.Options;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Bridge.Tests.Patients;

/// <summary>
/// A dev PKI, a 2-of-3 cluster whose nodes let the bridge act for patients, and a bridge granting patients "g" on their
/// images, letting them withdraw the researcher's VO (which the default ACL lets read, so a withdrawal has something to take away).
/// </summary>
public sealed class PatientFixture : IAsyncLifetime
{
    /// <summary>The research principal: the dev cast's researcher holds it.</summary>
    public const string Research = "fqan:/biomed/imaging";

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    internal IPatientRecords Records => Bridge.Node.Services.GetRequiredService<IPatientRecords>();

    public async Task InitializeAsync()
    {
        // TestCluster makes the bridge host a patient delegate on every node.
        Cluster = await TestCluster.StartAsync(Pki);
        Bridge = await TestBridge.StartAsync(Pki, Cluster, options =>
        {
            options.DefaultAcl.Add(Research + "=g");
            options.Patients.MayWithdraw = true;
            options.Patients.ResearchPrincipals = [Research];
        });
    }

    /// <summary>
    /// Sends a sample study of <paramref name="count"/> images whose patient is <paramref name="patientId"/> (by C-STORE),
    /// and returns its catalog entries (de-identified UIDs).
    /// </summary>
    public async Task<IReadOnlyList<CatalogEntry>> StoreStudyAsync(TempDirectory scratch, string patientId, int count)
    {
        var study = SampleStudy.Write(Path.Combine(scratch.Path, Guid.NewGuid().ToString("N")), count, size: 32);
        foreach (var file in study.Files)
        {
            var original = DicomFile.Read(await File.ReadAllBytesAsync(file).DefaultTimeout());
            original.Dataset.SetString(DicomTags.PatientID, patientId);
            original.Save(file);
        }

        var store = Bridge.Node.Services.GetRequiredService<IBridgeStore>();
        var pseudonym = Records.SignIn(patientId).Patient.Value;
        var before = (await store.PatientEntriesAsync(pseudonym, CancellationToken.None)).Select(e => e.SopInstanceUid).ToHashSet(StringComparer.Ordinal);
        var sent = await Bridge.StorescuAsync(study.Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        Assert.DoesNotContain("Store Failed", sent.Output, StringComparison.OrdinalIgnoreCase);
        var added = (await store.PatientEntriesAsync(pseudonym, CancellationToken.None)).Where(e => !before.Contains(e.SopInstanceUid)).ToList();
        Assert.Equal(count, added.Count);
        Assert.Single(added.Select(e => e.StudyInstanceUid).Distinct());
        return added;
    }

    public async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }
}
