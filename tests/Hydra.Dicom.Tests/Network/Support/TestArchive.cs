using System.Runtime.CompilerServices;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network.Services;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>
/// A small archive for Query/Retrieve tests, built from CT_small with rewritten identities: patients DOE^JOHN (P1,
/// two studies) and ROE^JANE (P2, one study), six instances in all. Serves C-FIND (one candidate per entity at the
/// requested level) and C-GET/C-MOVE (the instances matching the identifier's unique keys).
/// </summary>
public sealed class TestArchive : IDicomFindHandler, IDicomRetrieveHandler
{
    public TestArchive()
    {
        var template = DicomFile.Open(Dcmtk.Corpus("CT_small.dcm"));
        Add(template, "P1", "DOE^JOHN", "1.2.826.0.1.3680043.10.1.1", "20200115", "CT", series: 2, perSeries: 1);
        Add(template, "P1", "DOE^JOHN", "1.2.826.0.1.3680043.10.1.2", "20210310", "MR", series: 1, perSeries: 2);
        Add(template, "P2", "ROE^JANE", "1.2.826.0.1.3680043.10.1.3", "20221201", "CT", series: 1, perSeries: 1);
    }

    public List<DicomFile> Instances { get; } = [];

    /// <summary>Identities that asked: calling AE and TLS identity of each request, for access decisions in tests.</summary>
    public List<string> Callers { get; } = [];

    public async IAsyncEnumerable<DicomDataset> FindAsync(DicomFindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (Callers)
        {
            Callers.Add(request.Association.CallingAeTitle + "|" + request.Association.PeerIdentity?.Name);
        }

        var key = UniqueKey(request.Level);
        foreach (var group in Instances.GroupBy(f => f.Dataset.GetString(key)))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var record = group.First().Dataset.Clone();
            record.Remove(DicomTags.PixelData);
            yield return record;
        }
    }

    public Task<IReadOnlyList<DicomRetrieveInstance>> FindInstancesAsync(DicomRetrieveRequest request, CancellationToken cancellationToken)
    {
        lock (Callers)
        {
            Callers.Add(request.Association.CallingAeTitle + "|" + request.Association.PeerIdentity?.Name);
        }

        var keys = new DicomDataset();
        foreach (var tag in new[] { DicomTags.PatientID, DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTags.SOPInstanceUID })
        {
            if (request.Identifier[tag] is { } element)
            {
                keys.Set(element);
            }
        }

        IReadOnlyList<DicomRetrieveInstance> matches =
            [.. Instances.Where(f => DicomQueryMatcher.Matches(keys, f.Dataset)).Select(DicomRetrieveInstance.FromFile)];
        return Task.FromResult(matches);
    }

    private static DicomTag UniqueKey(DicomQueryLevel level) => level switch
    {
        DicomQueryLevel.Patient => DicomTags.PatientID,
        DicomQueryLevel.Study => DicomTags.StudyInstanceUID,
        DicomQueryLevel.Series => DicomTags.SeriesInstanceUID,
        _ => DicomTags.SOPInstanceUID,
    };

    private void Add(DicomFile template, string patientId, string patientName, string studyUid, string studyDate, string modality, int series,
        int perSeries)
    {
        for (var s = 1; s <= series; s++)
        {
            for (var i = 1; i <= perSeries; i++)
            {
                var dataset = template.Dataset.Clone();
                dataset.SetString(DicomTags.PatientID, patientId);
                dataset.SetString(DicomTags.PatientName, patientName);
                dataset.SetString(DicomTags.StudyInstanceUID, studyUid);
                dataset.SetString(DicomTags.StudyDate, studyDate);
                dataset.SetString(DicomTags.Modality, modality);
                dataset.SetString(DicomTags.SeriesInstanceUID, $"{studyUid}.{s}");
                dataset.SetString(DicomTags.SOPInstanceUID, $"{studyUid}.{s}.{i}");
                dataset.SetString(DicomTags.ModalitiesInStudy, modality);
                Instances.Add(new DicomFile(dataset, template.TransferSyntax));
            }
        }
    }
}
