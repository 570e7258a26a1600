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
/// call fails) until the service is restarted and the database recovers from its log.</para>
/// </remarks>
public sealed class GroupCommitWriter<TTransaction> : IDisposable
{
    private readonly DurableLiteDatabase _database;
    private readonly GroupCommitOptions<TTransaction> _options;
    private readonly WriterQueue<Pending> _queue;
    private readonly Thread _writer;
    private volatile Exception? _fault;

    public GroupCommitWriter(DurableLiteDatabase database, GroupCommitOptions<TTransaction> options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _options = options;
        _queue = new WriterQueue<Pending>(options.MaxQueuedOperations);
        _writer = new Thread(RunWriter) { Name = options.ThreadName, IsBackground = true };
        _writer.Start();
    }

    /// <summary>Test hook: when set, the next commit throws this instead of committing.</summary>
    public Exception? InjectCommitFailure { get; set; }

    /// <summary>The failure that stopped the writer, or null while it serves.</summary>
    public Exception? Fault => _fault;

    /// <summary>Runs <paramref name="work"/> on the writer thread and returns its result once durably committed.</summary>
    /// <exception cref="InvalidOperationException">The queue is full (<see cref="GroupCommitOptions{T}.Overloaded"/> is thrown).</exception>
    public Task<T> ExecuteAsync<T>(Func<TTransaction, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_fault is { } fault)
        {
            throw _options.Stopped(fault);
        }

        var pending = new Pending<T>(work, cancellationToken);
        if (!_queue.TryAdd(pending))
        {
            throw _options.Overloaded();
        }

        return pending.Task;
    }

    private void RunWriter()
    {
        var batch = new List<Pending>(_options.MaxBatchSize);
        while (_queue.TakeBatch(batch, _options.MaxBatchSize))
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

            batch.Clear();
        }
    }

    /// <summary>Runs and commits <paramref name="batch"/>; false when one operation failed and was taken out of it.</summary>
    private bool TryRunAndCommit(List<Pending> batch)
    {
        _database.BeginTransaction();
        var transaction = _options.BeginBatch();
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                batch[i].Run(transaction, _options.IsExpectedFailure);
            }
            catch (Exception ex)
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
            if (InjectCommitFailure is { } injected)
            {
                InjectCommitFailure = null;
                throw injected;
            }

            _database.CommitDurably();
        }
        catch (Exception ex)
        {
            _options.CommitFailed(batch.Count, ex);
            RollBack();
            _fault = ex;
            FailAll(batch, _options.Stopped(ex));
            return true;
        }

        _options.Committed();
        foreach (var operation in batch)
        {
            operation.Complete();
        }

        Checkpoint();
        return true;
    }

    private void RollBack()
    {
        _options.RolledBack();
        try
        {
            _database.Rollback();
        }
        catch (Exception ex)
        {
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

    private static void FailAll(List<Pending> batch, Exception failure)
    {
        foreach (var operation in batch)
        {
            operation.Fail(failure);
        }
    }

    public void Dispose()
    {
        _queue.Complete();
        _writer.Join(TimeSpan.FromSeconds(30));
    }

    private abstract class Pending
    {
        public abstract void Run(TTransaction transaction, Func<Exception, bool> isExpectedFailure);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Pending<T>(Func<TTransaction, T> work, CancellationToken cancellationToken) : Pending
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _expectedFailure;
        private bool _skipped;

        public Task<T> Task => _completion.Task;

        public override void Run(TTransaction transaction, Func<Exception, bool> isExpectedFailure)
        {
            // A caller that gave up before its turn has not done anything yet: skip it.
            _skipped = cancellationToken.IsCancellationRequested;
            if (_skipped)
            {
                return;
            }

            _expectedFailure = null;
            try
            {
                _result = work(transaction);
            }
            catch (Exception ex) when (isExpectedFailure(ex))
            {
                _expectedFailure = ex;
            }
        }

        public override void Complete()
        {
            if (_skipped)
            {
                _completion.TrySetCanceled(cancellationToken);
            }
            else if (_expectedFailure is not null)
            {
                _completion.TrySetException(_expectedFailure);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
