using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>Groups refused operations by who tried what on which key, whichever nodes refused.</summary>
internal static class RefusalDetector
{
    /// <summary>Distinct reasons quoted in one flag; the rest are in the records.</summary>
    private const int ReasonsQuoted = 2;

    public static IEnumerable<AuditFlag> Detect(IEnumerable<AuditEntry> records, IdentityLinks links) =>
        records
            .Where(r => r.Outcome == AuditEntry.Denied)
            .GroupBy(r => (Subject: links.PartyOf(r.Subject), Delegate: links.PartyOf(r.Delegate), r.Operation, r.KeyId))
            .Select(g => Flag(g.Key.Subject, g.Key.Delegate, g.OrderBy(r => r.Time).ToList()));

    private static AuditFlag Flag(string subject, string @delegate, List<AuditEntry> refusals)
    {
        var first = refusals[0];
        var nodes = refusals.Select(r => r.NodeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var reasons = refusals.Select(r => r.Reason).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Take(ReasonsQuoted).ToList();
        return new AuditFlag(
            string.Empty,
            AuditFlagKind.Refusal,
            first.Time,
            refusals[^1].Time,
            subject,
            @delegate,
            first.KeyId,
            AuditStudy.Of(first.KeyId),
            nodes,
            refusals.Count,
            $"{first.Operation} refused {refusals.Count} time{(refusals.Count == 1 ? string.Empty : "s")} by {string.Join(", ", nodes)}"
            + (reasons.Count == 0 ? "." : ": " + string.Join(" / ", reasons)),
            [.. refusals.Select(AuditRecordRef.Of)],
            IdentityLinks.SubjectsOf(refusals));
    }
}
