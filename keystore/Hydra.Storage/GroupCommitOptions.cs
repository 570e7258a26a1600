namespace Hydra.Storage;

/// <summary>How a <see cref="GroupCommitWriter{TTransaction}"/> batches, and the service's hooks into it.</summary>
public sealed class GroupCommitOptions<TTransaction>
{
    /// <summary>Creates the per-batch view operations run against, after the database transaction began. Required.</summary>
    public required Func<TTransaction> BeginBatch { get; init; }

    /// <summary>Which exceptions are refusals to report to the caller after the commit, not failures of the batch.</summary>
    public Func<Exception, bool> IsExpectedFailure { get; init; } = _ => false;

    /// <summary>Called when a batch is rolled back (to undo in-memory state that followed it).</summary>
    public Action RolledBack { get; init; } = () => { };

    /// <summary>Called after a batch became durable, before its callers are told.</summary>
    public Action Committed { get; init; } = () => { };

    /// <summary>Reports an operation that threw unexpectedly (it fails alone).</summary>
    public Action<Exception> OperationFailed { get; init; } = _ => { };

    /// <summary>
    /// Reports a commit that could not be made durable, with the batch size: the writer stops, unless the failure is
    /// transient (<see cref="IsTransientFailure"/>).
    /// </summary>
    public Action<int, Exception> CommitFailed { get; init; } = (_, _) => { };

    /// <summary>The exception a caller gets when its operation threw unexpectedly.</summary>
    public Func<Exception, Exception> Failed { get; init; } = ex => new InvalidOperationException("The operation failed; nothing was changed.", ex);

    /// <summary>The exception callers get once the writer has stopped.</summary>
    public Func<Exception, Exception> Stopped { get; init; } =
        ex => new IOException("Writes can no longer be made durable; restart the service.", ex);

    /// <summary>
    /// Which failures are transient (a database server out of reach): the batch under way fails with
    /// <see cref="TransientFailure"/> and the writer keeps serving instead of stopping. None by default: an embedded
    /// database that cannot commit is in an uncertain state.
    /// </summary>
    public Func<Exception, bool> IsTransientFailure { get; init; } = _ => false;

    /// <summary>The exception callers of a batch get when it failed transiently (before or while committing).</summary>
    public Func<Exception, Exception> TransientFailure { get; init; } =
        ex => new IOException("The database is out of reach; nothing was changed. Retry shortly.", ex);

    /// <summary>The exception a caller gets when the queue is full.</summary>
    public Func<Exception> Overloaded { get; init; } = () => new InvalidOperationException("The service is overloaded; retry shortly.");

    /// <summary>Most operations per durable commit. Defaults to 1024.</summary>
    public int MaxBatchSize { get; init; } = 1024;

    /// <summary>Most operations waiting. Defaults to 65,536.</summary>
    public int MaxQueuedOperations { get; init; } = 65_536;

    /// <summary>Log size at which it is copied into the data file between batches. Defaults to 32 MiB.</summary>
    public long CheckpointBytes { get; init; } = 32L << 20;

    /// <summary>The writer thread's name, for diagnostics.</summary>
    public string ThreadName { get; init; } = "group-commit-writer";
}
