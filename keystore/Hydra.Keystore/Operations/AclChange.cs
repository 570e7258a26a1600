using System.Text;
using Hydra.Access;
using Hydra.Audit;

namespace Hydra.Keystore.Operations;

/// <summary>
/// An ACL change a node made: the new ACL and what changed, in the words its audit record's reason carries. The
/// summary names principals (DNs, FQANs, token subjects, patient pseudonyms) and permission letters, nothing else.
/// </summary>
/// <param name="Acl">The ACL after the change.</param>
/// <param name="Summary">
/// The entries added (<c>+</c>) and removed (<c>-</c>), each in the rule text form (<c>!</c> marks a deny), separated by
/// <c>"; "</c>: <c>+!fqan:/biomed/imaging=g</c>; <c>unchanged</c> when the entries are the same set.
/// </param>
internal sealed record AclChange(KeyAcl Acl, string Summary)
{
    /// <summary>Longest summary kept: the rest is counted, so one call cannot write an unbounded record.</summary>
    public const int MaxSummaryLength = 1024;

    /// <summary>What replacing <paramref name="before"/> by <paramref name="after"/> changes; entry order plays no part (deny wins wherever it stands).</summary>
    public static string Summarize(IReadOnlyList<AclEntry> before, IReadOnlyList<AclEntry> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = after.Except(before).Select(e => "+" + e.ToRule())
            .Concat(before.Except(after).Select(e => "-" + e.ToRule()))
            .ToList();
        if (changes.Count == 0)
        {
            return AuditOperations.SetAclUnchanged;
        }

        // Room is kept for the tail that counts what did not fit, unless the last change fits exactly.
        const string Separator = AuditOperations.SetAclSeparator;
        var reserve = $"{Separator}... ({changes.Count} more)".Length;
        var summary = new StringBuilder();
        for (var i = 0; i < changes.Count; i++)
        {
            var separator = i == 0 ? string.Empty : Separator;
            var room = i == changes.Count - 1 ? 0 : reserve;
            if (summary.Length + separator.Length + changes[i].Length + room > MaxSummaryLength)
            {
                return summary.Append(separator).Append($"... ({changes.Count - i} more)").ToString();
            }

            summary.Append(separator).Append(changes[i]);
        }

        return summary.ToString();
    }
}
