using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>
/// The result of an investigation: the verdict per node and overall, every problem, the flags, summaries and the
/// selected timeline. It holds identities, key ids and pseudonymous study UIDs from the records and nothing else, so it
/// can be shared.
/// </summary>
/// <param name="Generated">When it was made.</param>
/// <param name="Auditor">Who made it, as the nodes authenticated them.</param>
/// <param name="Threshold">M, the shares that rebuild a key (from the cluster file).</param>
/// <param name="Selection">Which records are listed and summarised.</param>
/// <param name="Analysis">The rules behind the flags.</param>
/// <param name="Verdict">Verified, integrity failure or incomplete.</param>
/// <param name="Nodes">The verdict on each node's trail, in cluster order.</param>
/// <param name="Problems">Every integrity problem of every node.</param>
/// <param name="Flags">Flags touching the selected records, in time order.</param>
/// <param name="Subjects">Per-subject summary of the selection.</param>
/// <param name="Studies">Per-study summary of the selection.</param>
/// <param name="MatchingRecords">How many records matched the selection.</param>
/// <param name="Records">The selected records in time order (the newest ones when a limit applies).</param>
public sealed record AuditReport(
    DateTimeOffset Generated,
    string? Auditor,
    int Threshold,
    AuditSelection Selection,
    AuditAnalysisOptions Analysis,
    AuditVerdict Verdict,
    IReadOnlyList<NodeAuditVerdict> Nodes,
    IReadOnlyList<AuditProblem> Problems,
    IReadOnlyList<AuditFlag> Flags,
    IReadOnlyList<SubjectSummary> Subjects,
    IReadOnlyList<StudySummary> Studies,
    int MatchingRecords,
    IReadOnlyList<AuditTimelineRecord> Records);
