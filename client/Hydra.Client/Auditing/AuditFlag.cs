namespace Hydra.Client.Auditing;

/// <summary>A group of records an officer should look at, and why.</summary>
/// <param name="Id">Short id, unique in a report: R (reconstruction), D (delegated access), X (refusal), V (volume), A (ACL change) and a number.</param>
/// <param name="Kind">What was found.</param>
/// <param name="Start">Time of the first record involved.</param>
/// <param name="End">Time of the last record involved.</param>
/// <param name="Subject">
/// The subject concerned (for delegated access, the reader): a principal, or the person's name when an identity links
/// file links the principals of the records (see <see cref="Principals"/>).
/// </param>
/// <param name="Delegate">The delegate that acted for the subject, or empty.</param>
/// <param name="KeyId">The key concerned when there is exactly one, else empty.</param>
/// <param name="Study">The study (key id part before <c>:</c>) when there is exactly one, else empty.</param>
/// <param name="Nodes">The nodes whose records are involved.</param>
/// <param name="Count">How many: records for refusals and delegated access, releases for reconstructions, keys for volume and ACL changes.</param>
/// <param name="Detail">One sentence for people.</param>
/// <param name="Records">The records involved.</param>
/// <param name="Principals">The subjects of those records (the subject's principals), sorted.</param>
public sealed record AuditFlag(
    string Id,
    AuditFlagKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Subject,
    string Delegate,
    string KeyId,
    string Study,
    IReadOnlyList<string> Nodes,
    int Count,
    string Detail,
    IReadOnlyList<AuditRecordRef> Records,
    IReadOnlyList<string> Principals);
