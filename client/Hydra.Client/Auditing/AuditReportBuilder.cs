namespace Hydra.Client.Auditing;

/// <summary>Turns gathered evidence into a report: verify every trail, analyse every record, then select what to show.</summary>
internal static class AuditReportBuilder
{
    public static AuditReport Build(
        IReadOnlyList<NodeAuditEvidence> evidence,
        Grid.ProxyChainValidator validator,
        int threshold,
        AuditInvestigationOptions options,
        DateTimeOffset generated,
        string? auditor)
    {
        var verdicts = evidence.Select(e => NodeTrailVerifier.Verify(e, validator)).ToList();
        var records = evidence.Where(e => e.IsReadable).SelectMany(e => e.Trail).ToList();
        var links = options.Identities ?? IdentityLinks.None;
        var flags = AuditAnalyzer.Analyze(records, threshold, options.Analysis, links);

        var selected = records.Where(r => options.Selection.Matches(r, links))
            .OrderBy(r => r.Time).ThenBy(r => r.NodeId, StringComparer.Ordinal).ThenBy(r => r.Sequence)
            .ToList();
        var selectedRefs = selected.Select(AuditRecordRef.Of).ToHashSet();
        var shown = flags.Where(f => f.Records.Any(selectedRefs.Contains)).ToList();
        var flagsOf = FlagsByRecord(shown);
        var listed = options.Limit > 0 && selected.Count > options.Limit ? selected[^options.Limit..] : selected;
        var problems = verdicts.SelectMany(v => v.Problems).ToList();

        return new AuditReport(
            generated,
            auditor,
            threshold,
            options.Selection,
            options.Analysis,
            problems.Count > 0 ? AuditVerdict.IntegrityFailure
                : verdicts.Any(v => v.State == NodeAuditState.Unreadable) ? AuditVerdict.Incomplete : AuditVerdict.Verified,
            verdicts,
            problems,
            shown,
            AuditSummaries.BySubject(selected, shown, links),
            AuditSummaries.ByStudy(selected, shown),
            selected.Count,
            [.. listed.Select(r => AuditTimelineRecord.Of(r, flagsOf.GetValueOrDefault(AuditRecordRef.Of(r)) ?? [], links))]);
    }

    private static Dictionary<AuditRecordRef, List<string>> FlagsByRecord(IEnumerable<AuditFlag> flags)
    {
        var map = new Dictionary<AuditRecordRef, List<string>>();
        foreach (var flag in flags)
        {
            foreach (var record in flag.Records)
            {
                if (!map.TryGetValue(record, out var ids))
                {
                    map[record] = ids = [];
                }

                ids.Add(flag.Id);
            }
        }

        return map;
    }
}
