using Hydra.Access;

namespace Hydra.Keystore.Storage;

/// <summary>What one node stores for one key: its share envelope (opaque to the node beyond its header) and ACL.</summary>
internal sealed record KeyRecord(
    string KeyId,
    byte[] Envelope,
    KeyAcl Acl,
    DateTimeOffset Created,
    string CreatedBy);
