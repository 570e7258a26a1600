using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>Groups what each delegate (the DICOM bridge) did on behalf of each reader into one flag.</summary>
internal static class DelegationDetector
{
    public static IEnumerable<AuditFlag> Detect(IEnumerable<AuditEntry> records, IdentityLinks links) =>
        records
            .Where(r => r.Delegate.Length > 0)
            .GroupBy(r => (Delegate: links.PartyOf(r.Delegate), Subject: links.PartyOf(r.Subject)))
            .Select(g => Flag(g.Key.Subject, g.Key.Delegate, g.OrderBy(r => r.Time).ToList()));

    private static AuditFlag Flag(string subject, string @delegate, List<AuditEntry> acts)
    {
        var first = acts[0];
        var keys = acts.Select(r => r.KeyId).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var studies = keys.Select(AuditStudy.Of).Distinct(StringComparer.Ordinal).ToList();
        var released = acts.Count(AuditOperations.IsRelease);
        var refused = acts.Count(r => r.Outcome == AuditEntry.Denied);
        return new AuditFlag(
            string.Empty,
            AuditFlagKind.DelegatedAccess,
            first.Time,
            acts[^1].Time,
            subject,
            @delegate,
            keys.Count == 1 ? keys[0] : string.Empty,
            studies.Count == 1 ? studies[0] : string.Empty,
            [.. acts.Select(r => r.NodeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            acts.Count,
            $"{@delegate} acted for the subject {acts.Count} times on {keys.Count} key{(keys.Count == 1 ? string.Empty : "s")}: "
            + $"{released} share{(released == 1 ? string.Empty : "s")} released, {refused} refused.",
            [.. acts.Select(AuditRecordRef.Of)],
            IdentityLinks.SubjectsOf(acts));
    }
}
