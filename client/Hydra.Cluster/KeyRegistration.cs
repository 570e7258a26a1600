using Hydra.Access;
using Hydra.Keystore.Contract;
namespace Hydra.Cluster;

/// <summary>A key to register: its id, the secret key bytes, and the ACL entries every node applies.</summary>
public sealed record KeyRegistration(KeyId KeyId, ReadOnlyMemory<byte> Key, IReadOnlyList<AclEntry> Acl);
