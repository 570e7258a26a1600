using Hydra.Audit;
using Hydra.Keystore.V1;

namespace Hydra.Keystore.Services;

/// <summary>The record filter of an audit query; empty fields match everything.</summary>
internal sealed record AuditFilter(DateTimeOffset? From, DateTimeOffset? To, string KeyId, string Subject, string Outcome)
{
    public static AuditFilter Of(AuditQuery query) => new(
        query.From?.ToDateTimeOffset(),
        query.To?.ToDateTimeOffset(),
        query.KeyId,
        query.Subject,
        query.Outcome);

    public bool Matches(AuditEntry entry) =>
        (From is null || entry.Time >= From)
        && (To is null || entry.Time < To)
        && (KeyId.Length == 0 || string.Equals(entry.KeyId, KeyId, StringComparison.Ordinal))
        && (Subject.Length == 0 || string.Equals(entry.Subject, Subject, StringComparison.Ordinal)
            || string.Equals(entry.Delegate, Subject, StringComparison.Ordinal))
        && (Outcome.Length == 0 || string.Equals(entry.Outcome, Outcome, StringComparison.Ordinal));
}
