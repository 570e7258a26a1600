using Hydra.Audit;

namespace Hydra.Keystore.Storage;

/// <summary>The writer's view of the store inside an open batch; what <see cref="StoreTransaction"/> runs on.</summary>
internal interface IKeystoreBatch
{
    KeyRecord? FindKey(string keyId);

    void PutKey(KeyRecord key);

    bool DeleteKey(string keyId);

    /// <summary>The checkpoint stored under <paramref name="id"/> (<see cref="BsonMapping.CheckpointId"/>, or that with a conflict suffix).</summary>
    SignedCheckpoint? FindCheckpoint(string id);

    void PutCheckpoint(string id, SignedCheckpoint checkpoint);

    void AppendAudit(AuditEntry entry);

    /// <summary>The newest audit record as of this point of the batch, or null when the trail is empty.</summary>
    AuditEntry? LastAuditEntry();
}
