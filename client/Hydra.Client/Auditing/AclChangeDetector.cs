using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>
/// Groups allowed ACL changes by who made them, through which delegate, on which study, into one flag that says at a
/// glance what happened: "ACL changes: 2 keys of study S (S:a, S:b) restricted by patient:HYD-... via /DC=.../CN=bridge...
/// on node1, node2, node3: +!fqan:/biomed=g".
/// Nodes write what changed in the record's reason (<c>keystore/Hydra.Audit/FORMAT.md</c>); records written before
/// they did have an empty reason and are counted as changes whose content the trail does not say.
/// </summary>
internal static class AclChangeDetector
{
    /// <summary>Distinct changes quoted in one flag; the rest are in the records.</summary>
    private const int ChangesQuoted = 3;

    /// <summary>Keys named in one flag's detail; beyond that they are in the records.</summary>
    private const int KeysNamed = 3;

    public static IEnumerable<AuditFlag> Detect(IEnumerable<AuditEntry> records, IdentityLinks links) =>
        records
            .Where(r => r.Operation == AuditOperations.SetAcl && r.Outcome == AuditEntry.Allowed && r.KeyId.Length > 0)
            .GroupBy(r => (Subject: links.PartyOf(r.Subject), Delegate: links.PartyOf(r.Delegate), Study: AuditStudy.Of(r.KeyId)))
            .Select(g => Flag(g.Key.Subject, g.Key.Delegate, g.Key.Study, g.OrderBy(r => r.Time).ToList()));

    private static AuditFlag Flag(string subject, string @delegate, string study, List<AuditEntry> changes)
    {
        var keys = changes.Select(r => r.KeyId).Distinct(StringComparer.Ordinal).ToList();
        var nodes = changes.Select(r => r.NodeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var quoted = changes.Select(r => r.Reason).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Take(ChangesQuoted).ToList();
        var what = keys.Count == 1 ? "1 key" : $"{keys.Count} keys";
        var of = study.Length > 0 ? $" of study {study}" : string.Empty;

        // The bridge's keys all fall under the study part "ingest": the key ids let the officer find the study in its catalog.
        var named = keys.Count <= KeysNamed ? $" ({string.Join(", ", keys)})" : string.Empty;
        var via = @delegate.Length > 0 ? $" via {@delegate}" : string.Empty;
        return new AuditFlag(
            string.Empty,
            AuditFlagKind.AclChange,
            changes[0].Time,
            changes[^1].Time,
            subject,
            @delegate,
            keys.Count == 1 ? keys[0] : string.Empty,
            study,
            nodes,
            keys.Count,
            $"ACL changes: {what}{of}{named} {Verb(changes)} by {subject}{via} on {string.Join(", ", nodes)}"
            + (quoted.Count == 0 ? " (the records do not say what changed)." : ": " + string.Join(" / ", quoted)),
            [.. changes.Select(AuditRecordRef.Of)],
            IdentityLinks.SubjectsOf(changes));
    }

    /// <summary>
    /// "restricted" when every recorded change adds a deny or removes an allow, "widened" when every one adds an allow
    /// or removes a deny, "rewritten unchanged" when no record changed anything, else "changed" (a mix, or changes the
    /// records do not describe).
    /// </summary>
    private static string Verb(List<AuditEntry> changes)
    {
        if (changes.Any(r => r.Reason.Length == 0))
        {
            return "changed";
        }

        // "unchanged" and the "... (n more)" tail of a long summary say nothing about the direction.
        var items = changes.SelectMany(r => r.Reason.Split(AuditOperations.SetAclSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Where(i => i.StartsWith('+') || i.StartsWith('-'))
            .ToList();
        var restricting = items.Count(i => i.StartsWith("+!", StringComparison.Ordinal) || (i.StartsWith('-') && !i.StartsWith("-!", StringComparison.Ordinal)));
        return (restricting, items.Count - restricting) switch
        {
            (0, 0) when changes.All(r => r.Reason == AuditOperations.SetAclUnchanged) => "rewritten unchanged",
            (> 0, 0) => "restricted",
            (0, > 0) => "widened",
            _ => "changed",
        };
    }
}
