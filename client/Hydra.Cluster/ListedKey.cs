using Hydra.Access;
namespace Hydra.Cluster;

/// <summary>A key the caller may see, as the cluster lists it, with the nodes that listed it.</summary>
public sealed record ListedKey(string KeyId, string Owner, KeyPermissions Permissions, DateTimeOffset Created, IReadOnlyList<string> Nodes);
