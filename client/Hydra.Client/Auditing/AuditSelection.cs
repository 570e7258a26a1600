using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>
/// Which records a report shows. Verification always covers whole trails; the selection only narrows what is listed
/// and summarised. Unset fields match everything.
/// </summary>
public sealed record AuditSelection
{
    /// <summary>Records at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Records before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Records about this key id.</summary>
    public string? KeyId { get; init; }

    /// <summary>Records of this subject (slash DN), as the one acting or as the delegate acting for someone.</summary>
    public string? Subject { get; init; }

    /// <summary><c>allowed</c>, <c>denied</c> or <c>failed</c>.</summary>
    public string? Outcome { get; init; }

    public bool Matches(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (From is null || entry.Time >= From)
            && (To is null || entry.Time < To)
            && (string.IsNullOrEmpty(KeyId) || string.Equals(entry.KeyId, KeyId, StringComparison.Ordinal))
            && (string.IsNullOrEmpty(Subject) || string.Equals(entry.Subject, Subject, StringComparison.Ordinal)
                || string.Equals(entry.Delegate, Subject, StringComparison.Ordinal))
            && (string.IsNullOrEmpty(Outcome) || string.Equals(entry.Outcome, Outcome, StringComparison.Ordinal));
    }
}
