namespace Hydra.Storage;

/// <summary>
/// Runs every write of a service on one thread and gathers whatever arrives meanwhile into one durable commit (group
/// commit), so throughput is bound by one fsync per batch rather than per request. Callers hear the outcome only after
/// the batch is on disk.
/// </summary>
/// <remarks>
/// <para>An operation may end in an <em>expected</em> failure (a refusal the service wants to report, which
/// <see cref="GroupCommitOptions{TTransaction}.IsExpectedFailure"/> recognises): its writes so far stay in the batch
/// and the caller gets the exception after the commit. Any other exception is a bug or unforeseen input: the batch is
/// rolled back and run again without that operation, which alone fails.</para>
/// <para>If a commit cannot be made durable the on-disk state is uncertain: the writer stops taking work (every later
/// call fails) until the service is restarted and the database recovers from its log. The same holds if LiteDB or a hook
/// of <see cref="GroupCommitOptions{TTransaction}"/> throws outside any one operation. A failure the options call
/// transient (<see cref="GroupCommitOptions{TTransaction}.IsTransientFailure"/>: a database server out of reach) instead
/// fails the batch under way and leaves the writer serving: the server keeps or drops the transaction whole.</para>
/// <para>A caller that cancels while its operation is queued hears so at once and the operation never runs; once the
/// writer has started it, it commits with its batch whatever the token says.</para>
/// </remarks>
public sealed class GroupCommitWriter<TTransaction> : IDisposable
{
    private readonly IBatchDatabase _database;
    private readonly GroupCommitOptions<TTransaction> _options;
    private readonly WriterQueue<PendingOperation<TTransaction>> _queue;
    private readonly Thread _writer;
    private volatile Exception? _fault;
    private Exception? _injectedCommitFailure;

    // Writer thread only: whether a LiteDB transaction is open, so a failure outside an operation can roll it back.
    private bool _inTransaction;

    public GroupCommitWriter(IBatchDatabase database, GroupCommitOptions<TTransaction> options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _options = options;
        _queue = new WriterQueue<PendingOperation<TTransaction>>(options.MaxQueuedOperations);
        _writer = new Thread(RunWriter) { Name = options.ThreadName, IsBackground = true };
        _writer.Start();
    }

    /// <summary>Test hook: when set, the next commit throws this instead of committing.</summary>
    public Exception? InjectCommitFailure
    {
        get => Volatile.Read(ref _injectedCommitFailure);
        set => Volatile.Write(ref _injectedCommitFailure, value);
    }

    /// <summary>The failure that stopped the writer, or null while it serves.</summary>
    public Exception? Fault => _fault;

    /// <summary>
    /// Runs <paramref name="work"/> on the writer thread and returns its result once durably committed. Cancelling
    /// <paramref name="cancellationToken"/> before the writer starts the operation cancels it; afterwards it has no effect.
    /// </summary>
    /// <exception cref="Exception">
    /// Thrown at once: <see cref="GroupCommitOptions{T}.Stopped"/> once the writer has stopped,
    /// <see cref="GroupCommitOptions{T}.Overloaded"/> when the queue is full, <see cref="ObjectDisposedException"/> after
    /// <see cref="Dispose"/>.
    /// </exception>
    public Task<T> ExecuteAsync<T>(Func<TTransaction, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        if (_fault is { } fault)
        {
            throw _options.Stopped(fault);
        }

        var pending = new PendingOperation<TTransaction, T>(work, cancellationToken);
        try
        {
            if (!_queue.TryAdd(pending))
            {
                throw _options.Overloaded();
            }
        }
        catch
        {
            pending.Abandon();
            throw;
        }

        return pending.Task;
    }

    private void RunWriter()
    {
        var batch = new List<PendingOperation<TTransaction>>(_options.MaxBatchSize);
        while (_queue.TakeBatch(batch, _options.MaxBatchSize))
        {
            try
            {
                if (_fault is { } fault)
                {
                    FailAll(batch, _options.Stopped(fault));
                }
                else
                {
                    while (batch.Count > 0 && !TryRunAndCommit(batch))
                    {
                    }
                }
            }
            catch (Exception ex) when (_options.IsTransientFailure(ex))
            {
                Interrupt(batch, ex);
            }
            catch (Exception ex)
            {
                // LiteDB or a hook failed outside any one operation. The state is uncertain, so stop as after a failed
                // commit, rather than let the exception end the process with every caller still waiting.
                Stop(batch, ex);
            }

            batch.Clear();
        }
    }

    /// <summary>Runs and commits <paramref name="batch"/>; false when one operation failed and was taken out of it.</summary>
    private bool TryRunAndCommit(List<PendingOperation<TTransaction>> batch)
    {
        _database.BeginTransaction();
        _inTransaction = true;
        var transaction = _options.BeginBatch();
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                batch[i].Run(transaction, _options.IsExpectedFailure);
            }
            catch (Exception ex) when (!_options.IsTransientFailure(ex))
            {
                _options.OperationFailed(ex);
                RollBack();
                batch[i].Fail(_options.Failed(ex));
                batch.RemoveAt(i);
                return false;
            }
        }

        try
        {
            if (Interlocked.Exchange(ref _injectedCommitFailure, null) is { } injected)
            {
                throw injected;
            }

            _database.CommitDurably();
            _inTransaction = false;
        }
        catch (Exception ex) when (_options.IsTransientFailure(ex))
        {
            Interrupt(batch, ex);
            return true;
        }
        catch (Exception ex)
        {
            Stop(batch, ex);
            return true;
        }

        try
        {
            _options.Committed();
        }
        finally
        {
            // The batch is durable: its callers hear their own outcome even if the hook failed (which stops the writer).
            foreach (var operation in batch)
            {
                operation.Complete();
            }
        }

        Checkpoint();
        return true;
    }

    /// <summary>Stops the writer: <paramref name="batch"/> and every later operation fail with <see cref="GroupCommitOptions{T}.Stopped"/>.</summary>
    private void Stop(List<PendingOperation<TTransaction>> batch, Exception ex)
    {
        _fault ??= ex;
        _options.CommitFailed(batch.Count, ex);
        if (_inTransaction)
        {
            RollBack();
        }

        FailAll(batch, _options.Stopped(ex));
    }

    /// <summary>
    /// A transient failure (the database out of reach): <paramref name="batch"/> fails with
    /// <see cref="GroupCommitOptions{T}.TransientFailure"/> and the writer keeps serving; the next batch begins afresh.
    /// </summary>
    private void Interrupt(List<PendingOperation<TTransaction>> batch, Exception ex)
    {
        _options.CommitFailed(batch.Count, ex);
        if (_inTransaction)
        {
            RollBack();
        }

        FailAll(batch, _options.TransientFailure(ex));
    }

    private void RollBack()
    {
        _inTransaction = false;
        _options.RolledBack();
        try
        {
            _database.Rollback();
        }
        catch (Exception ex)
        {
            // A transaction left open makes the next BeginTransaction throw, which stops the writer.
            _options.OperationFailed(ex);
        }
    }

    private void Checkpoint()
    {
        try
        {
            _database.CheckpointIfLarge(_options.CheckpointBytes);
        }
        catch (Exception ex)
        {
            _options.CommitFailed(0, ex);
            _fault = ex;
        }
    }

    private static void FailAll(List<PendingOperation<TTransaction>> batch, Exception failure)
    {
        foreach (var operation in batch)
        {
            operation.Fail(failure);
        }
    }

    /// <summary>Takes no more operations and returns once every queued one has been committed or failed.</summary>
    public void Dispose()
    {
        _queue.Complete();

        // No time limit: the owner disposes the database next, which must not happen under a writer still draining.
        // A hook that disposes the writer from the writer thread itself would wait for itself; it drains on return.
        if (Thread.CurrentThread != _writer)
        {
            _writer.Join();
        }
    }
}
