using System.Collections.Concurrent;
using Hydra.Client.Auditing;
using Hydra.Keystore.Options;
using LiteDB;

namespace Hydra.Keystore.Storage;

/// <summary>
/// The node's state machine: one writer thread runs every operation against the store and gathers whatever arrives
/// meanwhile into one durable commit (group commit), so throughput is not bound by one fsync per request.
/// </summary>
/// <remarks>
/// Every operation leaves an audit record in the same commit as its effects, and a caller hears the outcome only
/// after that commit is on disk: no share leaves the node unless its release is durably audited (fail closed). If a
/// commit cannot be made durable the store stops accepting work; the node must be restarted, and recovers from its
/// log.
/// </remarks>
internal sealed class KeystoreStore : IDisposable
{
    private readonly KeystoreDatabase _database;
    private readonly string _nodeId;
    private readonly KeystoreStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BlockingCollection<PendingOperation> _queue;
    private readonly AuditTrailHead _head;
    private readonly Thread _writer;
    private volatile AuditTrailHead _committedHead;
    private volatile Exception? _fault;

    public KeystoreStore(KeystoreDatabase database, string nodeId, KeystoreStorageOptions options, TimeProvider time, ILogger logger)
    {
        _database = database;
        _nodeId = nodeId;
        _options = options;
        _time = time;
        _logger = logger;
        _queue = new BlockingCollection<PendingOperation>(options.MaxQueuedOperations);
        _head = AuditTrailHead.From(database.LastAuditEntry());
        _committedHead = _head.Copy();
        _writer = new Thread(RunWriter) { Name = "keystore-writer", IsBackground = true };
        _writer.Start();
    }

    /// <summary>Test hook: when set, the next durable commit throws this instead of committing.</summary>
    internal Exception? InjectCommitFailure { get; set; }

    /// <summary>The newest durable audit record's sequence number and hash.</summary>
    public (long Length, ReadOnlyMemory<byte> Hash) AuditHead => (_committedHead.Sequence, _committedHead.Hash);

    public long KeyCount => _database.Keys.LongCount();

    /// <summary>Runs <paramref name="work"/> on the writer thread and returns its result once durably committed.</summary>
    public Task<T> ExecuteAsync<T>(Func<StoreTransaction, T> work, CancellationToken cancellationToken) =>
        EnqueueAsync(work, requireAudit: true, cancellationToken);

    /// <summary>
    /// Runs the node's own housekeeping (sealing the trail with a checkpoint) on the writer thread; unlike callers'
    /// operations it leaves no audit record, or every checkpoint would create the next one.
    /// </summary>
    public Task<T> ExecuteHousekeepingAsync<T>(Func<StoreTransaction, T> work, CancellationToken cancellationToken) =>
        EnqueueAsync(work, requireAudit: false, cancellationToken);

    private Task<T> EnqueueAsync<T>(Func<StoreTransaction, T> work, bool requireAudit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfFaulted();
        var operation = new PendingOperation<T>(work, requireAudit, cancellationToken);
        if (!_queue.TryAdd(operation))
        {
            throw new KeystoreException(KeystoreError.ResourceExhausted, "The keystore node is overloaded; retry shortly.");
        }

        return operation.Task;
    }

    /// <summary>Reads a key outside the writer: sees every durably committed change.</summary>
    public KeyRecord? FindKey(string keyId)
    {
        var document = _database.Keys.FindById(keyId);
        return document is null ? null : BsonMapping.ToKeyRecord(document);
    }

    /// <summary>Keys whose id starts with <paramref name="prefix"/>, in ordinal id order, after <paramref name="after"/>.</summary>
    public IEnumerable<KeyRecord> ListKeys(string prefix, string after)
    {
        var lowerBound = string.CompareOrdinal(after, prefix) > 0 ? after : prefix;
        var documents = lowerBound.Length == 0
            ? _database.Keys.FindAll()
            : _database.Keys.Find(Query.GTE("_id", lowerBound));
        foreach (var document in documents)
        {
            var id = document["_id"].AsString;
            if (string.Equals(id, after, StringComparison.Ordinal))
            {
                continue;
            }

            if (!id.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield break;
            }

            yield return BsonMapping.ToKeyRecord(document);
        }
    }

    /// <summary>
    /// The committed audit records numbered <paramref name="fromSequence"/> to <paramref name="toSequence"/>, oldest
    /// first, read in one go: LiteDB's read lock belongs to the thread that opened the cursor, so a cursor left open
    /// across an await (while streaming) is released on another thread and breaks the next read on this one.
    /// </summary>
    public List<AuditEntry> ReadAudit(long fromSequence, long toSequence)
    {
        var to = Math.Min(toSequence, _committedHead.Sequence);
        return [.. _database.Audit.Find(Query.Between("_id", Math.Max(1, fromSequence), to)).Select(BsonMapping.ToAuditEntry)];
    }

    /// <summary>Checkpoints held for <paramref name="nodeId"/> from <paramref name="fromSequence"/> on, oldest first.</summary>
    public IEnumerable<SignedCheckpoint> ReadCheckpoints(string nodeId, long fromSequence)
    {
        var from = BsonMapping.CheckpointId(nodeId, Math.Max(0, fromSequence));
        var to = BsonMapping.CheckpointId(nodeId, long.MaxValue);
        foreach (var document in _database.Checkpoints.Find(Query.Between("_id", from, to)))
        {
            yield return BsonMapping.ToCheckpoint(document);
        }
    }

    private void ThrowIfFaulted()
    {
        if (_fault is not null)
        {
            throw new KeystoreException(
                KeystoreError.Unavailable,
                "The keystore node could not make writes durable and has stopped serving until it is restarted; nothing was changed or released.");
        }
    }

    private void RunWriter()
    {
        var batch = new List<PendingOperation>(_options.MaxBatchSize);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (batch.Count < _options.MaxBatchSize && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            ExecuteBatch(batch);
            batch.Clear();
        }
    }

    private void ExecuteBatch(List<PendingOperation> batch)
    {
        if (_fault is not null)
        {
            FailAll(batch, _fault);
            return;
        }

        var saved = _head.Copy();
        try
        {
            _database.BeginTransaction();
            var transaction = new StoreTransaction(_database, _head, _nodeId, _time.GetUtcNow());
            foreach (var operation in batch)
            {
                operation.Run(transaction);
            }

            if (InjectCommitFailure is { } injected)
            {
                InjectCommitFailure = null;
                throw injected;
            }

            _database.CommitDurably();
        }
        catch (Exception ex)
        {
            Abort(batch, saved, ex);
            return;
        }

        _committedHead = _head.Copy();
        foreach (var operation in batch)
        {
            operation.Complete();
        }

        Checkpoint();
    }

    private void Abort(List<PendingOperation> batch, AuditTrailHead saved, Exception ex)
    {
        KeystoreLog.CommitFailed(_logger, batch.Count, ex);
        _head.Restore(saved);
        try
        {
            _database.Rollback();
        }
        catch (Exception rollbackFailure)
        {
            KeystoreLog.RollbackFailed(_logger, rollbackFailure);
        }

        // After a failed commit the on-disk state is uncertain: stop serving rather than risk an unaudited release.
        _fault = ex;
        FailAll(batch, ex);
    }

    private static void FailAll(List<PendingOperation> batch, Exception cause)
    {
        var failure = new KeystoreException(
            KeystoreError.Unavailable, "The keystore node could not durably record the operation; nothing was changed or released.", cause);
        foreach (var operation in batch)
        {
            operation.Fail(failure);
        }
    }

    private void Checkpoint()
    {
        try
        {
            if (_database.CheckpointIfLarge((long)_options.CheckpointMegabytes << 20))
            {
                KeystoreLog.Checkpointed(_logger, _committedHead.Sequence);
            }
        }
        catch (Exception ex)
        {
            KeystoreLog.CommitFailed(_logger, 0, ex);
            _fault = ex;
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join(TimeSpan.FromSeconds(30));
        _queue.Dispose();
    }
}
