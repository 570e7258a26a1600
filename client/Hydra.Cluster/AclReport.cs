using Hydra.Access;
using Hydra.Keystore.Contract;
namespace Hydra.Cluster;

/// <summary>
/// A key's ACL across the cluster: what each node holds and which nodes disagree with the majority (ACL changes go
/// to every node; a node that was down keeps the old rules until the change is repeated).
/// </summary>
public sealed record AclReport(
    KeyId KeyId,
    KeyAcl? Acl,
    IReadOnlyDictionary<string, KeyAcl> PerNode,
    IReadOnlyList<string> Divergent,
    IReadOnlyList<NodeFailure> Failed)
{
    /// <summary>Whether every node answered and all hold the same rules.</summary>
    public bool Consistent => Divergent.Count == 0 && Failed.Count == 0;
}
