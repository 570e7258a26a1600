using Hydra.Access;
using Hydra.Bridge.Options;
using Hydra.Bridge.Readers;
using Hydra.Bridge.Storage;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network.Services;

namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// Runs a QIDO-RS search over the catalog: only entries the caller may read (filtered before grouping, so counts
/// count readable instances), matched level by level with <see cref="DicomQueryMatcher"/> (a series search's study
/// keys against the study as a whole), ordered stably, paged, and cut at <c>Bridge:DicomWeb:MaxResults</c>.
/// </summary>
internal sealed class QidoSearch
{
    private readonly IBridgeStore _store;
    private readonly CatalogAccess _catalog;
    private readonly BridgeDicomWebOptions _options;

    public QidoSearch(IBridgeStore store, CatalogAccess catalog, BridgeOptions options)
    {
        _store = store;
        _catalog = catalog;
        _options = options.DicomWeb;
    }

    public async Task<QidoAnswer> SearchAsync(QidoScope scope, QidoQuery query, CallerIdentity reader, string service, CancellationToken cancellationToken)
    {
        var entries = (scope.StudyInstanceUid is { } study ? await _store.StudyEntriesAsync(study, cancellationToken) : await _store.CatalogEntriesAsync(cancellationToken))
            .Where(e => scope.SeriesInstanceUid is null || e.SeriesInstanceUid == scope.SeriesInstanceUid)
            .Where(e => _catalog.MayRead(e, reader))
            .ToList();
        cancellationToken.ThrowIfCancellationRequested();

        var studies = Matching(DicomQueryLevel.Study, DicomTags.StudyInstanceUID, entries, query.KeysAt(QidoLevel.Study));
        entries = [.. entries.Where(e => studies.ContainsKey(e.StudyInstanceUid))];
        var series = new Dictionary<string, DicomDataset>(StringComparer.Ordinal);
        if (scope.Level >= QidoLevel.Series)
        {
            series = Matching(DicomQueryLevel.Series, DicomTags.SeriesInstanceUID, entries, query.KeysAt(QidoLevel.Series));
            entries = [.. entries.Where(e => series.ContainsKey(e.SeriesInstanceUid))];
        }

        var records = scope.Level switch
        {
            QidoLevel.Study => studies.Values.ToList(),
            QidoLevel.Series => series.Values.Select(s => Merge(s, studies[s.GetString(DicomTags.StudyInstanceUID)!])).ToList(),
            _ => Matching(DicomQueryLevel.Image, DicomTags.SOPInstanceUID, entries, query.KeysAt(QidoLevel.Instance)).Values
                .Select(i => Merge(i, series[i.GetString(DicomTags.SeriesInstanceUID)!], studies[i.GetString(DicomTags.StudyInstanceUID)!]))
                .ToList(),
        };
        cancellationToken.ThrowIfCancellationRequested();

        records.Sort(QidoOrder.Instance);
        var remaining = Math.Max(0, records.Count - query.Offset);
        var wanted = query.Limit ?? int.MaxValue;
        var page = records.Skip(query.Offset).Take(Math.Min(wanted, _options.MaxResults));
        var returned = query.IncludeAll ? null : ReturnedTags(scope, query);
        return new QidoAnswer(
            [.. page.Select(r => Project(r, returned, service))],
            Truncated: wanted > _options.MaxResults && remaining > _options.MaxResults);
    }

    private static Dictionary<string, DicomDataset> Matching(
        DicomQueryLevel level, DicomTag uid, IReadOnlyList<CatalogEntry> entries, DicomDataset? keys)
    {
        var result = new Dictionary<string, DicomDataset>(StringComparer.Ordinal);
        foreach (var record in CatalogRecords.At(level, entries))
        {
            if (keys is null || DicomQueryMatcher.Matches(keys, record))
            {
                result[record.GetString(uid)!] = record;
            }
        }

        return result;
    }

    // Each upper level, nearest first, overwrites what it holds: the study record's ModalitiesInStudy and counts
    // cover the whole (readable) study, where a series or instance record's cover only itself. Values are never
    // mutated, so elements are shared.
    private static DicomDataset Merge(DicomDataset record, params DicomDataset[] upper)
    {
        var merged = record.Clone();
        foreach (var level in upper)
        {
            foreach (var element in level)
            {
                merged.Set(element);
            }
        }

        return merged;
    }

    private static HashSet<DicomTag> ReturnedTags(QidoScope scope, QidoQuery query)
    {
        var tags = QidoAttributes.DefaultReturned(scope);
        tags.UnionWith(query.IncludeFields);
        tags.UnionWith(query.KeyTags);
        return tags;
    }

    private static DicomDataset Project(DicomDataset record, HashSet<DicomTag>? returned, string service)
    {
        var result = new DicomDataset();
        foreach (var element in record)
        {
            if (returned is null || returned.Contains(element.Tag))
            {
                result.Set(element);
            }
        }

        if (returned is null || returned.Contains(DicomTags.RetrieveURL))
        {
            result.SetString(DicomTags.RetrieveURL, RetrieveUrl(record, service));
        }

        return result;
    }

    // PS3.18 10.6.3.3: the WADO-RS resource of the result's own level.
    private static string RetrieveUrl(DicomDataset record, string service)
    {
        var url = $"{service}/studies/{record.GetString(DicomTags.StudyInstanceUID)}";
        if (record.GetString(DicomTags.SeriesInstanceUID) is { Length: > 0 } series)
        {
            url += "/series/" + series;
        }

        if (record.GetString(DicomTags.SOPInstanceUID) is { Length: > 0 } instance)
        {
            url += "/instances/" + instance;
        }

        return url;
    }
}

/// <summary>One page of a search; <paramref name="Truncated"/> when the server's maximum cut it (Warning owed).</summary>
internal sealed record QidoAnswer(IReadOnlyList<DicomDataset> Results, bool Truncated);
