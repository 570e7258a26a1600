namespace Hydra.Client.Cluster;

/// <summary>A key to register: its id, the secret key bytes, and the ACL entries every node applies.</summary>
public sealed record KeyRegistration(KeyId KeyId, ReadOnlyMemory<byte> Key, IReadOnlyList<KeyAclEntry> Acl);
