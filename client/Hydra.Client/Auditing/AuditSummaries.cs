using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>
/// Per-subject and per-study summaries of the selected records and the flags that touch them. Records and flags are
/// grouped once, so the cost grows with their number, not with subjects times records.
/// </summary>
internal static class AuditSummaries
{
    /// <summary>One summary per party: a linked person (all their principals) or a principal that no person holds.</summary>
    public static List<SubjectSummary> BySubject(IReadOnlyList<AuditEntry> selected, IReadOnlyList<AuditFlag> flags, IdentityLinks links)
    {
        var own = selected.ToLookup(r => links.PartyOf(r.Subject), StringComparer.Ordinal);
        var delegated = selected.Where(r => r.Delegate.Length > 0).ToLookup(r => links.PartyOf(r.Delegate), StringComparer.Ordinal);
        var people = links.People.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var flagsOf = flags
            .SelectMany(f => f.Delegate.Split(", ", StringSplitOptions.RemoveEmptyEntries).Append(f.Subject).Distinct(StringComparer.Ordinal).Select(s => (Subject: s, Flag: f)))
            .ToLookup(x => x.Subject, x => x.Flag, StringComparer.Ordinal);
        return [.. own.Select(g => g.Key).Concat(delegated.Select(g => g.Key)).Distinct(StringComparer.Ordinal)
            .Select(subject => Summarize(subject, [.. own[subject]], [.. delegated[subject]], [.. flagsOf[subject]], people.Contains(subject)))
            .OrderByDescending(s => s.UnusualHours)
            .ThenByDescending(s => s.Refusals)
            .ThenByDescending(s => s.KeysRebuilt)
            .ThenBy(s => s.Subject, StringComparer.Ordinal)];
    }

    public static List<StudySummary> ByStudy(IReadOnlyList<AuditEntry> selected, IReadOnlyList<AuditFlag> flags)
    {
        var reconstructions = flags.Where(f => f.Kind == AuditFlagKind.Reconstruction).ToLookup(f => AuditStudy.Of(f.KeyId), StringComparer.Ordinal);
        return [.. selected
            .Where(r => r.KeyId.Length > 0)
            .GroupBy(r => AuditStudy.Of(r.KeyId), StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, [.. g], [.. reconstructions[g.Key]]))
            .OrderByDescending(s => s.KeysRebuilt)
            .ThenByDescending(s => s.Refusals)
            .ThenBy(s => s.Study, StringComparer.Ordinal)];
    }

    private static SubjectSummary Summarize(string subject, List<AuditEntry> own, List<AuditEntry> asDelegate, List<AuditFlag> flags, bool linked)
    {
        var times = own.Concat(asDelegate).Select(r => r.Time).ToList();
        return new SubjectSummary(
            subject,
            own.Count + asDelegate.Count,
            own.Count(AuditOperations.IsRelease),
            flags.Where(f => f.Kind == AuditFlagKind.Reconstruction && f.Subject == subject).Select(f => f.KeyId).Distinct(StringComparer.Ordinal).Count(),
            own.Select(r => r.KeyId).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Count(),
            own.Count(r => r.Outcome == AuditEntry.Denied),
            own.Count(r => r.Delegate.Length > 0),
            asDelegate.Count,
            flags.Count(f => f.Kind == AuditFlagKind.UnusualVolume && f.Subject == subject),
            flags.Count,
            times.Min(),
            times.Max(),
            linked,
            PrincipalActivity.Of(own, asDelegate));
    }

    private static StudySummary Summarize(string study, List<AuditEntry> records, List<AuditFlag> reconstructions) => new(
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
