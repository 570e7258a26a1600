using Hydra.Audit;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;
using Hydra.Storage;

namespace Hydra.Keystore.Storage;

/// <summary>
/// The node's state machine: every operation runs on the group-commit writer against the store, and a caller hears
/// the outcome only after the batch holding it (its effects and its audit record) is durable. No share leaves the
/// node unless its release is durably audited (fail closed). On LiteDB, if a commit cannot be made durable the node
/// stops serving and must be restarted (it recovers from its log); on PostgreSQL a database out of reach fails the
/// batch under way UNAVAILABLE (the server keeps or drops the transaction whole), and the next batch reads the trail's
/// head back from the database, so the node serves again as soon as the database does.
/// </summary>
internal sealed class KeystoreStore : IDisposable
{
    private readonly IKeystoreDatabase _database;
    private readonly AuditTrailHead _head;
    private readonly GroupCommitWriter<StoreTransaction> _writer;
    private AuditTrailHead _beforeBatch;
    private volatile AuditTrailHead _committedHead;

    // Writer thread only: a batch failed while the database was out of reach, so whether its commit happened is unknown.
    private bool _headUncertain;

    public KeystoreStore(
        IKeystoreDatabase database, EnvelopeCipher cipher, string nodeId, KeystoreStorageOptions options, TimeProvider time, ILogger logger)
    {
        _database = database;
        _head = AuditTrailHead.From(database.Committed.LastAuditEntry());
        _beforeBatch = _head.Copy();
        _committedHead = _head.Copy();
        _writer = new GroupCommitWriter<StoreTransaction>(database.Batches, new GroupCommitOptions<StoreTransaction>
        {
            BeginBatch = () =>
            {
                if (_headUncertain)
                {
                    _head.Restore(AuditTrailHead.From(_database.Batch.LastAuditEntry()));
                    _committedHead = _head.Copy();
                    _headUncertain = false;
                }

                _beforeBatch = _head.Copy();
                return new StoreTransaction(_database.Batch, cipher, _head, nodeId, time.GetUtcNow());
            },
            IsExpectedFailure = ex => ex is KeystoreException,
            RolledBack = () => _head.Restore(_beforeBatch),
            Committed = () => _committedHead = _head.Copy(),
            OperationFailed = ex => KeystoreLog.OperationAborted(logger, ex),
            CommitFailed = (count, ex) =>
            {
                if (ex is KeystoreDatabaseException { Unreachable: true })
                {
                    KeystoreLog.DatabaseUnreachable(logger, count, ex.Message);
                }
                else
                {
                    KeystoreLog.CommitFailed(logger, count, ex);
                }
            },
            IsTransientFailure = ex => ex is KeystoreDatabaseException { Unreachable: true },
            TransientFailure = ex =>
            {
                _headUncertain = true;
                // A connection lost during COMMIT leaves the outcome unknown to the node; every keystore write is
                // idempotent (a share already held counts as stored), so the caller is told to repeat it.
                return new KeystoreException(
                    KeystoreError.Unavailable,
                    ex.Message + " Nothing was released; a change may or may not have been kept, so repeat the request once the database is back.",
                    ex);
            },
            Failed = ex => new KeystoreException(KeystoreError.Unavailable, "The operation failed inside the keystore node; nothing was changed.", ex),
            Stopped = ex => new KeystoreException(
                KeystoreError.Unavailable,
                "The keystore node could not make writes durable and has stopped serving until it is restarted; nothing was changed or released.",
                ex),
            Overloaded = () => new KeystoreException(KeystoreError.ResourceExhausted, "The keystore node is overloaded; retry shortly."),
            MaxBatchSize = options.MaxBatchSize,
            MaxQueuedOperations = options.MaxQueuedOperations,
            CheckpointBytes = (long)options.CheckpointMegabytes << 20,
            ThreadName = "keystore-writer",
        });
    }

    /// <summary>Test hook: when set, the next durable commit throws this instead of committing.</summary>
    internal Exception? InjectCommitFailure
    {
        get => _writer.InjectCommitFailure;
        set => _writer.InjectCommitFailure = value;
    }

    /// <summary>The newest durable audit record's sequence number and hash.</summary>
    public (long Length, ReadOnlyMemory<byte> Hash) AuditHead => (_committedHead.Sequence, _committedHead.Hash);

    public long KeyCount => _database.Committed.KeyCount();

    /// <summary>
    /// Runs a caller's operation on the writer thread and returns its result once durably committed. The operation
    /// must leave at least one audit record, whether it succeeds or refuses; one that leaves none fails.
    /// </summary>
    public Task<T> ExecuteAsync<T>(Func<StoreTransaction, T> work, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(transaction => RequireAuditRecord(transaction, work), cancellationToken);

    /// <summary>
    /// Runs the node's own housekeeping (sealing the trail with a checkpoint, keeping a peer's) on the writer thread;
    /// it may leave no audit record, or every checkpoint would create the next one.
    /// </summary>
    public Task<T> ExecuteHousekeepingAsync<T>(Func<StoreTransaction, T> work, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(work, cancellationToken);

    private static T RequireAuditRecord<T>(StoreTransaction transaction, Func<StoreTransaction, T> work)
    {
        var before = transaction.RecordCount;
        try
        {
            var result = work(transaction);
            ThrowIfUnaudited(transaction, before);
            return result;
        }
        catch (KeystoreException)
        {
            ThrowIfUnaudited(transaction, before);
            throw;
        }
    }

    private static void ThrowIfUnaudited(StoreTransaction transaction, int before)
    {
        if (transaction.RecordCount == before)
        {
            // Every operation is audited; one that is not is a bug, and must not commit.
            throw new InvalidOperationException("A keystore operation finished without an audit record.");
        }
    }

    /// <summary>Reads a key outside the writer: sees every durably committed change.</summary>
    public KeyRecord? FindKey(string keyId) => _database.Committed.FindKey(keyId);

    /// <summary>Keys whose id starts with <paramref name="prefix"/>, in ordinal id order, after <paramref name="after"/>.</summary>
    public IEnumerable<KeyRecord> ListKeys(string prefix, string after)
    {
        var lowerBound = string.CompareOrdinal(after, prefix) > 0 ? after : prefix;
        foreach (var key in _database.Committed.KeysFrom(lowerBound))
        {
            var id = key.KeyId;
            if (string.Equals(id, after, StringComparison.Ordinal))
            {
                continue;
            }

            if (!id.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield break;
            }

            yield return key;
        }
    }

    /// <summary>
    /// The committed audit records numbered <paramref name="fromSequence"/> to <paramref name="toSequence"/>, oldest
    /// first, read in one go: LiteDB's read lock belongs to the thread that opened the cursor, so a cursor left open
    /// across an await (while streaming) is released on another thread and breaks the next read on this one.
    /// </summary>
    public List<AuditEntry> ReadAudit(long fromSequence, long toSequence) =>
        _database.Committed.ReadAudit(Math.Max(1, fromSequence), Math.Min(toSequence, _committedHead.Sequence));

    /// <summary>Checkpoints held for <paramref name="nodeId"/> from <paramref name="fromSequence"/> on, oldest first.</summary>
    public IEnumerable<SignedCheckpoint> ReadCheckpoints(string nodeId, long fromSequence)
    {
        var from = BsonMapping.CheckpointId(nodeId, Math.Max(0, fromSequence));
        var to = BsonMapping.CheckpointId(nodeId, long.MaxValue);
        return _database.Committed.ReadCheckpoints(from, to);
    }

    public void Dispose() => _writer.Dispose();
}
