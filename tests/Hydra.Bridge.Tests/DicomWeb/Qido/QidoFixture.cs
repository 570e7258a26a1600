using Hydra.Bridge.Contract;
using Hydra.Bridge.Options;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Qido;

/// <summary>
/// A cluster and a bridge (MaxResults 3, so the cut is reachable) holding two studies of one patient, sent by
/// storescu: study A of two series (CT with 3 images, MR with 2) on 2024-03-15, study B of one CT image on 2023-01-01.
/// The pseudonymous UIDs come from the reader's own listing.
/// </summary>
public sealed class QidoFixture : DicomWebFixture
{
    public const int MaxResults = 3;

    private readonly TempDirectory _scratch = new("hydra-qido");

    /// <summary>Study A's images, CT series first, each in instance number order.</summary>
    public IReadOnlyList<ImageSummary> StudyA { get; private set; } = [];

    public IReadOnlyList<ImageSummary> StudyB { get; private set; } = [];

    public IReadOnlyList<ImageSummary> CtSeries => [.. StudyA.Where(i => i.Modality == "CT")];

    public IReadOnlyList<ImageSummary> MrSeries => [.. StudyA.Where(i => i.Modality == "MR")];

    public override void Configure(BridgeOptions options) => options.DicomWeb.MaxResults = MaxResults;

    protected override async Task SeedAsync()
    {
        var a = SampleStudy.Write(_scratch.Combine("a"), 5, size: 32);
        var mrSeries = DicomUid.Generate();
        var files = new List<string>();
        for (var i = 0; i < a.Files.Count; i++)
        {
            files.Add(Rewrite(a.Files[i], d =>
            {
                if (i >= 3)
                {
                    d.SetString(DicomTags.SeriesInstanceUID, mrSeries);
                    d.SetString(DicomTags.Modality, "MR");
                    d.SetString(DicomTags.SeriesNumber, "2");
                    d.SetString(DicomTags.InstanceNumber, (i - 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }));
        }

        var b = SampleStudy.Write(_scratch.Combine("b"), 1, size: 32);
        files.Add(Rewrite(b.Files[0], d => d.SetString(DicomTags.StudyDate, "20230101")));
        var sent = await Bridge.StorescuAsync(files);
        Assert.True(sent.ExitCode == 0, sent.Output);

        var listed = await Bridge.ConnectReader(GridReader.CertificateOf(Pki, DevUser.Reader)).ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        var studies = listed.GroupBy(i => i.StudyInstanceUid).OrderByDescending(g => g.Count()).ToList();
        Assert.Equal([5, 1], studies.Select(g => g.Count()));
        StudyA = [.. studies[0].OrderBy(i => i.Modality).ThenBy(i => i.InstanceNumber)];
        StudyB = [.. studies[1]];
    }

    public QidoClient Connect(string user) =>
        new(Bridge, Pki.TrustDirectory, GridReader.CertificateOf(Pki, user));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _scratch.Dispose();
    }

    private static string Rewrite(string path, Action<DicomDataset> change)
    {
        var file = DicomFile.Open(path);
        change(file.Dataset);
        var target = path + ".sent.dcm";
        file.Save(target);
        return target;
    }
}

/// <summary>The QIDO-RS test classes share one fixture: a cluster, a bridge and two ingested studies.</summary>
[CollectionDefinition(Name)]
public sealed class QidoCollection : ICollectionFixture<QidoFixture>
{
    public const string Name = "QIDO-RS";
}
