using Hydra.Audit;

namespace Hydra.Client.Auditing;

/// <summary>What one principal of a subject summary did: the lines under a person in the report.</summary>
/// <param name="Principal">The principal as records name it: a slash DN or <c>oidc:issuer#sub</c>.</param>
/// <param name="Records">Records where it acted, or was the delegate acting for someone.</param>
/// <param name="Releases">Shares released to it.</param>
/// <param name="Refusals">Its operations that nodes refused.</param>
/// <param name="AsDelegate">Records where it acted as a delegate for someone else.</param>
public sealed record PrincipalActivity(string Principal, int Records, int Releases, int Refusals, int AsDelegate)
{
    internal static List<PrincipalActivity> Of(List<AuditEntry> own, List<AuditEntry> asDelegate)
    {
        var ownBy = own.ToLookup(r => r.Subject, StringComparer.Ordinal);
        var delegatedBy = asDelegate.ToLookup(r => r.Delegate, StringComparer.Ordinal);
        return [.. own.Select(r => (r.Time, Principal: r.Subject)).Concat(asDelegate.Select(r => (r.Time, Principal: r.Delegate)))
            .OrderBy(x => x.Time)
            .Select(x => x.Principal)
            .Distinct(StringComparer.Ordinal)
            .Select(p => new PrincipalActivity(
                p,
                ownBy[p].Count() + delegatedBy[p].Count(),
                ownBy[p].Count(AuditOperations.IsRelease),
                ownBy[p].Count(r => r.Outcome == AuditEntry.Denied),
                delegatedBy[p].Count()))];
    }
}
