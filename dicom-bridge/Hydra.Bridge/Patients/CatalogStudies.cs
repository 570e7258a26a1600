using Hydra.Bridge.Storage;

namespace Hydra.Bridge.Patients;

/// <summary>
/// Studies and series as the portal lists them, grouped from catalog entries: the patient's own (by pseudonym) or a
/// reader's (what their groups may read). The caller chose the entries; this only groups and orders them.
/// </summary>
internal static class CatalogStudies
{
    /// <summary>One row per study, newest first; <paramref name="date"/> gives an entry's study date as it is shown.</summary>
    public static IReadOnlyList<PatientStudy> Studies(IEnumerable<CatalogEntry> entries, Func<CatalogEntry, DateOnly?> date) =>
        [.. entries
            .GroupBy(e => e.StudyInstanceUid, StringComparer.Ordinal)
            .Select(study => new PatientStudy(
                study.Key,
                study.Select(date).FirstOrDefault(d => d is not null),
                [.. study.Select(e => e.Modality).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                study.Select(e => e.SeriesInstanceUid).Distinct(StringComparer.Ordinal).Count(),
                study.Count()))
            .OrderByDescending(s => s.StudyDate ?? DateOnly.MinValue)
            .ThenBy(s => s.StudyInstanceUid, StringComparer.Ordinal)];

    /// <summary>The series of one study's entries, each with the image shown for it (its lowest instance number).</summary>
    public static IReadOnlyList<PatientSeries> Series(IEnumerable<CatalogEntry> entries) =>
        [.. entries
            .GroupBy(e => e.SeriesInstanceUid, StringComparer.Ordinal)
            .Select(series => series.OrderBy(e => e.InstanceNumber ?? int.MaxValue).ThenBy(e => e.SopInstanceUid, StringComparer.Ordinal).ToList())
            .Select(series => new PatientSeries(
                series[0].SeriesInstanceUid, series[0].SeriesNumber, series[0].Modality, series[0].BodyPart, series.Count, series[0].SopInstanceUid))
            .OrderBy(s => s.SeriesNumber ?? int.MaxValue)
            .ThenBy(s => s.SeriesInstanceUid, StringComparer.Ordinal)];
}
