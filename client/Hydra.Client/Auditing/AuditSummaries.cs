namespace Hydra.Client.Auditing;

/// <summary>Per-subject and per-study summaries of the selected records and the flags that touch them.</summary>
internal static class AuditSummaries
{
    public static List<SubjectSummary> BySubject(IReadOnlyList<AuditEntry> selected, IReadOnlyList<AuditFlag> flags)
    {
        var subjects = selected.Select(r => r.Subject).Concat(selected.Select(r => r.Delegate).Where(d => d.Length > 0)).Distinct(StringComparer.Ordinal);
        return [.. subjects
            .Select(subject => Summarize(subject, selected, flags))
            .OrderByDescending(s => s.UnusualHours)
            .ThenByDescending(s => s.Refusals)
            .ThenByDescending(s => s.KeysRebuilt)
            .ThenBy(s => s.Subject, StringComparer.Ordinal)];
    }

    public static List<StudySummary> ByStudy(IReadOnlyList<AuditEntry> selected, IReadOnlyList<AuditFlag> flags) =>
        [.. selected
            .Where(r => r.KeyId.Length > 0)
            .GroupBy(r => AuditStudy.Of(r.KeyId))
            .Select(g => Summarize(g.Key, [.. g], flags))
            .OrderByDescending(s => s.KeysRebuilt)
            .ThenByDescending(s => s.Refusals)
            .ThenBy(s => s.Study, StringComparer.Ordinal)];

    private static SubjectSummary Summarize(string subject, IReadOnlyList<AuditEntry> selected, IReadOnlyList<AuditFlag> flags)
    {
        var own = selected.Where(r => r.Subject == subject).ToList();
        var asDelegate = selected.Count(r => r.Delegate == subject);
        var times = selected.Where(r => r.Subject == subject || r.Delegate == subject).Select(r => r.Time).ToList();
        return new SubjectSummary(
            subject,
            own.Count + asDelegate,
            own.Count(AuditOperations.IsRelease),
            flags.Where(f => f.Kind == AuditFlagKind.Reconstruction && f.Subject == subject).Select(f => f.KeyId).Distinct(StringComparer.Ordinal).Count(),
            own.Select(r => r.KeyId).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Count(),
            own.Count(r => r.Outcome == AuditEntry.Denied),
            own.Count(r => r.Delegate.Length > 0),
            asDelegate,
            flags.Count(f => f.Kind == AuditFlagKind.UnusualVolume && f.Subject == subject),
            flags.Count(f => f.Subject == subject || f.Delegate.Split(", ").Contains(subject, StringComparer.Ordinal)),
            times.Min(),
            times.Max());
    }

    private static StudySummary Summarize(string study, List<AuditEntry> records, IReadOnlyList<AuditFlag> flags)
    {
        var reconstructions = flags.Where(f => f.Kind == AuditFlagKind.Reconstruction && AuditStudy.Of(f.KeyId) == study).ToList();
        return new StudySummary(
            study,
            records.Select(r => r.KeyId).Distinct(StringComparer.Ordinal).Count(),
            reconstructions.Select(f => f.KeyId).Distinct(StringComparer.Ordinal).Count(),
            reconstructions.Count,
            [.. reconstructions.Select(f => f.Subject).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            records.Count(AuditOperations.IsRelease),
            records.Count(r => r.Outcome == AuditEntry.Denied),
            records.Min(r => r.Time),
            records.Max(r => r.Time));
    }
}
