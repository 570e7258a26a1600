using Hydra.Client.Grid;

namespace Hydra.Keystore.Security;

/// <summary>The access rules of one key on one node: its owner, its entries, and a version bumped on each change.</summary>
public sealed record KeyAcl(DistinguishedName Owner, IReadOnlyList<AclEntry> Entries, long Version);
