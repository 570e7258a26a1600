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

    /// <summary>
    /// Records of this subject (slash DN or <c>oidc:issuer#sub</c>), as the one acting or as the delegate acting for
    /// someone; with identity links, also a person's name (the records of all their principals).
    /// </summary>
    public string? Subject { get; init; }

    /// <summary><c>allowed</c>, <c>denied</c> or <c>failed</c>.</summary>
    public string? Outcome { get; init; }

    public bool Matches(AuditEntry entry) => Matches(entry, IdentityLinks.None);

    /// <summary>As <see cref="Matches(AuditEntry)"/>; <see cref="Subject"/> may also name a person of <paramref name="links"/>.</summary>
    public bool Matches(AuditEntry entry, IdentityLinks links)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(links);
        return (From is null || entry.Time >= From)
            && (To is null || entry.Time < To)
            && (string.IsNullOrEmpty(KeyId) || string.Equals(entry.KeyId, KeyId, StringComparison.Ordinal))
            && (string.IsNullOrEmpty(Subject) || string.Equals(entry.Subject, Subject, StringComparison.Ordinal)
                || string.Equals(entry.Delegate, Subject, StringComparison.Ordinal)
                || string.Equals(links.PersonOf(entry.Subject)?.Name, Subject, StringComparison.Ordinal)
                || (entry.Delegate.Length > 0 && string.Equals(links.PersonOf(entry.Delegate)?.Name, Subject, StringComparison.Ordinal)))
            && (string.IsNullOrEmpty(Outcome) || string.Equals(entry.Outcome, Outcome, StringComparison.Ordinal));
    }
}
