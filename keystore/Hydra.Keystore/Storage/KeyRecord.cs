using Hydra.Access;

namespace Hydra.Keystore.Storage;

/// <summary>
/// What one node stores for one key: its share envelope and ACL. The envelope is stored sealed under the node's data
/// key (<paramref name="Sealed"/>), or in clear in a data file written before sealing and not yet migrated; it is
/// opened only on the writer, to release or compare it (<see cref="StoreTransaction.OpenEnvelope"/>).
/// </summary>
internal sealed record KeyRecord(
    string KeyId,
    byte[] StoredEnvelope,
    bool Sealed,
    KeyAcl Acl,
    DateTimeOffset Created,
    string CreatedBy);
