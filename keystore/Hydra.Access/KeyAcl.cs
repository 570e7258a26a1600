using Hydra.Grid;

namespace Hydra.Access;

/// <summary>The access rules of one key on one node: its owner, its entries, and a version bumped on each change.</summary>
public sealed record KeyAcl(DistinguishedName Owner, IReadOnlyList<AclEntry> Entries, long Version)
{
    /// <summary>Whether two nodes hold the same rules: owner and entries in order (versions may differ between nodes).</summary>
    public bool SameRulesAs(KeyAcl other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Owner.Equals(other.Owner) && Entries.SequenceEqual(other.Entries);
    }
}
