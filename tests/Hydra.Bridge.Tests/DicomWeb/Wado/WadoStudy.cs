using Hydra.Bridge.Contract;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;

namespace Hydra.Bridge.Tests.DicomWeb.Wado;

/// <summary>A sample study sent to the bridge with storescu, and the de-identified images the reader now lists.</summary>
public sealed record WadoStudy(SampleStudy Sent, IReadOnlyList<ImageSummary> Images)
{
    public string Study => Images[0].StudyInstanceUid;

    public string Series => Images[0].SeriesInstanceUid;

    public string InstancePath(int i) => $"studies/{Study}/series/{Series}/instances/{Images[i].SopInstanceUid}";

    public static async Task<WadoStudy> IngestAsync(TestBridge bridge, DevPki pki, TempDirectory scratch, int count, int size = 64)
    {
        var lister = bridge.ConnectReader(GridReader.ProxyOf(pki, DevUser.Reader));
        var before = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.SopInstanceUid).ToHashSet();
        var sample = SampleStudy.Write(scratch.Combine("sent"), count, size);
        var sent = await bridge.StorescuAsync(sample.Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var added = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout())
            .Where(i => !before.Contains(i.SopInstanceUid)).OrderBy(i => i.InstanceNumber).ToList();
        Assert.Equal(count, added.Count);
        return new WadoStudy(sample, added);
    }

    /// <summary>The audit records of every node for <paramref name="subject"/>, as the officer reads them.</summary>
    public static async Task<List<Audit.AuditEntry>> AuditOfAsync(TestCluster cluster, string subject)
    {
        var officer = cluster.ConnectAs(DevUser.Officer);
        var entries = new List<Audit.AuditEntry>();
        for (var node = 0; node < cluster.NodeCount; node++)
        {
            await foreach (var entry in officer.QueryAuditAsync(TestCluster.NodeId(node), new Cluster.AuditQueryOptions { Subject = subject }, CancellationToken.None))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
