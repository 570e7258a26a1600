namespace Hydra.Client.Cluster;

/// <summary>A key's ACL as one node holds it.</summary>
public sealed record KeyAclInfo(string Owner, IReadOnlyList<KeyAclEntry> Entries, ulong Version)
{
    /// <summary>Whether two nodes hold the same rules (versions may differ between nodes).</summary>
    public bool SameRulesAs(KeyAclInfo other) => string.Equals(RulesKey, other.RulesKey, StringComparison.Ordinal);

    /// <summary>The owner and entries as one comparable text.</summary>
    public string RulesKey => Owner + "\n" + string.Join("\n", Entries);
}
