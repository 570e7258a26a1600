using System.Globalization;
using Hydra.Bridge.Storage;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network.Services;

namespace Hydra.Bridge.Readers;

/// <summary>
/// Catalog entries as C-FIND records (PS3.4 C.6.1): one per patient, study, series or image, each with the
/// attributes of its level and the levels above. Only pseudonymous and non-identifying values exist to show.
/// </summary>
internal static class CatalogRecords
{
    public static IEnumerable<DicomDataset> At(DicomQueryLevel level, IReadOnlyList<CatalogEntry> entries) => level switch
    {
        DicomQueryLevel.Patient => entries.GroupBy(e => e.PatientPseudonym).Select(g => Patient(g.First(), g.Count())),
        DicomQueryLevel.Study => entries.GroupBy(e => e.StudyInstanceUid).Select(g => Study(g.ToList())),
        DicomQueryLevel.Series => entries.GroupBy(e => e.SeriesInstanceUid).Select(g => Series(g.ToList())),
        _ => entries.Select(Image),
    };

    private static DicomDataset Patient(CatalogEntry entry, int instances)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.PatientID, entry.PatientPseudonym);
        dataset.SetString(DicomTags.PatientName, entry.PatientPseudonym);
        dataset.SetString(DicomTags.NumberOfPatientRelatedInstances, instances.ToString(CultureInfo.InvariantCulture));
        return dataset;
    }

    private static DicomDataset Study(IReadOnlyList<CatalogEntry> study)
    {
        var first = study[0];
        var dataset = Patient(first, study.Count);
        dataset.Remove(DicomTags.NumberOfPatientRelatedInstances);
        dataset.SetString(DicomTags.StudyInstanceUID, first.StudyInstanceUid);
        dataset.SetString(DicomTags.StudyDate, first.StudyDate);
        dataset.SetStrings(DicomTags.ModalitiesInStudy, [.. study.Select(e => e.Modality).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal)]);
        dataset.SetString(DicomTags.NumberOfStudyRelatedSeries, study.Select(e => e.SeriesInstanceUid).Distinct().Count().ToString(CultureInfo.InvariantCulture));
        dataset.SetString(DicomTags.NumberOfStudyRelatedInstances, study.Count.ToString(CultureInfo.InvariantCulture));
        return dataset;
    }

    private static DicomDataset Series(IReadOnlyList<CatalogEntry> series)
    {
        var first = series[0];
        var dataset = Study(series);
        dataset.Remove(DicomTags.NumberOfStudyRelatedSeries);
        dataset.Remove(DicomTags.NumberOfStudyRelatedInstances);
        dataset.SetString(DicomTags.SeriesInstanceUID, first.SeriesInstanceUid);
        dataset.SetString(DicomTags.Modality, first.Modality);
        dataset.SetString(DicomTags.BodyPartExamined, first.BodyPart);
        if (first.SeriesNumber is { } number)
        {
            dataset.SetString(DicomTags.SeriesNumber, number.ToString(CultureInfo.InvariantCulture));
        }

        dataset.SetString(DicomTags.NumberOfSeriesRelatedInstances, series.Count.ToString(CultureInfo.InvariantCulture));
        return dataset;
    }

    private static DicomDataset Image(CatalogEntry entry)
    {
        var dataset = Series([entry]);
        dataset.Remove(DicomTags.NumberOfSeriesRelatedInstances);
        dataset.SetString(DicomTags.SOPInstanceUID, entry.SopInstanceUid);
        dataset.SetString(DicomTags.SOPClassUID, entry.SopClassUid);
        if (entry.InstanceNumber is { } number)
        {
            dataset.SetString(DicomTags.InstanceNumber, number.ToString(CultureInfo.InvariantCulture));
        }

        return dataset;
    }
}
