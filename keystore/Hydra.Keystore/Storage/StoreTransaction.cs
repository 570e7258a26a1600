using Hydra.Audit;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Sealing;

namespace Hydra.Keystore.Storage;

/// <summary>
/// The view an operation has of the store while the writer runs it: reads see earlier writes of the same batch,
/// writes become durable together when the batch commits, and every operation leaves at least one audit record.
/// </summary>
internal sealed class StoreTransaction
{
    private readonly IKeystoreBatch _database;
    private readonly EnvelopeCipher _cipher;
    private readonly AuditTrailHead _head;
    private readonly string _nodeId;

    public StoreTransaction(IKeystoreBatch database, EnvelopeCipher cipher, AuditTrailHead head, string nodeId, DateTimeOffset now)
    {
        _database = database;
        _cipher = cipher;
        _head = head;
        _nodeId = nodeId;
        Now = now;
    }

    /// <summary>The batch's decision time (one clock read per batch).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Audit records appended so far in this transaction.</summary>
    public int RecordCount { get; private set; }

    public KeyRecord? FindKey(string keyId) => _database.FindKey(keyId);

    /// <summary>Seals an envelope for storage under <paramref name="keyId"/>.</summary>
    public byte[] Seal(string keyId, ReadOnlySpan<byte> envelope) => _cipher.Seal(keyId, envelope);

    /// <summary>
    /// The key's share envelope in clear (one not yet migrated is stored so); a sealed envelope that does not open is
    /// refused as a failure of this node.
    /// </summary>
    public byte[] OpenEnvelope(KeyRecord key)
    {
        if (!key.Sealed)
        {
            return key.StoredEnvelope;
        }

        try
        {
            return _cipher.Open(key.KeyId, key.StoredEnvelope);
        }
        catch (SealException ex)
        {
            throw new KeystoreException(
                KeystoreError.Unavailable,
                $"The stored share of key '{key.KeyId}' does not open on this node (its sealed envelope was changed or moved); nothing was released.",
                ex);
        }
    }

    public void PutKey(KeyRecord key) => _database.PutKey(key);

    public bool DeleteKey(string keyId) => _database.DeleteKey(keyId);

    /// <summary>A checkpoint held for <paramref name="nodeId"/> at <paramref name="sequence"/>, own or witnessed.</summary>
    public SignedCheckpoint? FindCheckpoint(string nodeId, long sequence) => _database.FindCheckpoint(BsonMapping.CheckpointId(nodeId, sequence));

    public void PutCheckpoint(SignedCheckpoint checkpoint) =>
        _database.PutCheckpoint(BsonMapping.CheckpointId(checkpoint.NodeId, checkpoint.Sequence), checkpoint);

    /// <summary>Keeps a second, contradicting checkpoint for the same node and sequence beside the first, as evidence.</summary>
    public void PutConflictingCheckpoint(SignedCheckpoint checkpoint) => _database.PutCheckpoint(
        BsonMapping.CheckpointId(checkpoint.NodeId, checkpoint.Sequence) + "!" + Convert.ToHexStringLower(checkpoint.Hash.Span[..8]), checkpoint);

    /// <summary>The newest audit record's sequence and hash, as of this point of the batch.</summary>
    public (long Sequence, ReadOnlyMemory<byte> Hash) Head => (_head.Sequence, _head.Hash);

    /// <summary>Runs <paramref name="work"/> and records its outcome: allowed, or the refusal it threw.</summary>
    public T RunAudited<T>(AuditContext context, Func<T> work) => RunAudited(context, work, static _ => string.Empty);

    /// <summary>
    /// Runs <paramref name="work"/> and records its outcome: allowed, with the reason <paramref name="describe"/> gives
    /// its result (what changed, value-free), or the refusal it threw.
    /// </summary>
    public T RunAudited<T>(AuditContext context, Func<T> work, Func<T, string> describe)
    {
        T result;
        try
        {
            result = work();
        }
        catch (KeystoreException refusal)
        {
            Record(context, refusal.IsDenial ? AuditEntry.Denied : AuditEntry.Failed, refusal.Message);
            throw;
        }

        Record(context, AuditEntry.Allowed, describe(result));
        return result;
    }

    /// <summary>Appends one record to the hash chain.</summary>
    public AuditEntry Record(AuditContext context, string outcome, string reason)
    {
        var caller = context.Caller;
        var draft = new AuditEntry(
            _head.Sequence + 1,
            AuditChain.Normalize(Now),
            _nodeId,
            caller.SubjectText,
            caller.IssuerText,
            caller.FqanTexts,
            context.Operation,
            context.KeyId,
            outcome,
            reason,
            caller.Peer,
            caller.Delegate ?? string.Empty,
            caller.ProxyDepth,
            _head.Hash,
            ReadOnlyMemory<byte>.Empty);
        var sealedEntry = AuditChain.Seal(draft);
        _database.AppendAudit(sealedEntry);
        _head.Advance(sealedEntry);
        RecordCount++;
        return sealedEntry;
    }
}
