using Hydra.Testing;
using LiteDB;

namespace Hydra.Storage.Tests.GroupCommit;

/// <summary>
/// A <see cref="GroupCommitWriter{TTransaction}"/> over a real <see cref="DurableLiteDatabase"/> in a temp folder,
/// recording what its hooks saw, and able to hold the writer busy so operations queue up behind it.
/// </summary>
internal sealed class WriterHarness : IDisposable
{
    public const string HoldId = "hold";

    private readonly TempDirectory _folder = new("hydra-group-commit");
    private readonly List<int> _batchSizes = [];
    private readonly List<Exception> _operationFailures = [];
    private readonly List<(int Count, Exception Error)> _commitFailures = [];
    private readonly List<WriterHold> _holds = [];
    private Batch? _current;
    private Exception? _beginBatchFailure;
    private int _rollbacks;

    public WriterHarness(int maxBatchSize = 1024, int maxQueuedOperations = 65_536, long checkpointBytes = 32L << 20)
    {
        DataFile = _folder.Combine("store.db");
        Database = new DurableLiteDatabase(DataFile);
        Writer = new GroupCommitWriter<Batch>(Database, new GroupCommitOptions<Batch>
        {
            BeginBatch = () =>
            {
                if (Interlocked.Exchange(ref _beginBatchFailure, null) is { } failure)
                {
                    throw failure;
                }

                return _current = new Batch(Database.GetCollection("items"));
            },
            IsExpectedFailure = ex => ex is RefusedException,
            RolledBack = () => Interlocked.Increment(ref _rollbacks),
            Committed = () =>
            {
                lock (_batchSizes)
                {
                    _batchSizes.Add(_current!.Operations);
                }

                OnCommitted?.Invoke();
            },
            OperationFailed = ex =>
            {
                lock (_operationFailures)
                {
                    _operationFailures.Add(ex);
                }
            },
            CommitFailed = (count, ex) =>
            {
                lock (_commitFailures)
                {
                    _commitFailures.Add((count, ex));
                }
            },
            MaxBatchSize = maxBatchSize,
            MaxQueuedOperations = maxQueuedOperations,
            CheckpointBytes = checkpointBytes,
            ThreadName = "test-writer",
        });
    }

    public string DataFile { get; }

    public DurableLiteDatabase Database { get; }

    public GroupCommitWriter<Batch> Writer { get; }

    /// <summary>Runs on the writer thread after each durable commit, before the batch's callers are told.</summary>
    public Action? OnCommitted { get; set; }

    /// <summary>How many operations ran in each committed batch, in commit order.</summary>
    public IReadOnlyList<int> BatchSizes
    {
        get
        {
            lock (_batchSizes)
            {
                return [.. _batchSizes];
            }
        }
    }

    public int Rollbacks => Volatile.Read(ref _rollbacks);

    public IReadOnlyList<Exception> OperationFailures
    {
        get
        {
            lock (_operationFailures)
            {
                return [.. _operationFailures];
            }
        }
    }

    public IReadOnlyList<(int Count, Exception Error)> CommitFailures
    {
        get
        {
            lock (_commitFailures)
            {
                return [.. _commitFailures];
            }
        }
    }

    /// <summary>The next batch fails to begin with <paramref name="failure"/>, as a broken hook would.</summary>
    public void FailNextBeginBatch(Exception failure) => Volatile.Write(ref _beginBatchFailure, failure);

    /// <summary>Runs <paramref name="work"/> on the writer, counted as one operation of its batch.</summary>
    public Task<T> Execute<T>(Func<Batch, T> work, CancellationToken cancellationToken = default) =>
        Writer.ExecuteAsync(
            batch =>
            {
                batch.Operations++;
                return work(batch);
            },
            cancellationToken);

    public Task<int> Put(string id, int value, CancellationToken cancellationToken = default) =>
        Execute(batch => batch.Put(id, value), cancellationToken);

    /// <summary>The committed value of <paramref name="id"/>, read outside the writer; null when absent.</summary>
    public int? Read(string id) => Database.GetCollection("items").FindById(id)?["v"].AsInt32;

    /// <summary>Queues an operation that keeps the writer busy (writing <see cref="HoldId"/>) until released.</summary>
    public async Task<WriterHold> HoldWriterAsync()
    {
        var hold = new WriterHold();
        lock (_holds)
        {
            _holds.Add(hold);
        }

        hold.Completion = Execute(batch =>
        {
            hold.Wait();
            return batch.Put(HoldId, 0);
        });
        await hold.Started.DefaultTimeout();
        return hold;
    }

    public void Dispose()
    {
        lock (_holds)
        {
            _holds.ForEach(hold => hold.Release());
        }

        Writer.Dispose();
        Database.Dispose();
        _folder.Dispose();
    }
}

/// <summary>The per-batch view operations run against.</summary>
internal sealed class Batch(ILiteCollection<BsonDocument> items)
{
    /// <summary>Operations that ran in this batch (the last run, when it was run again after a rollback).</summary>
    public int Operations { get; set; }

    public int Put(string id, int value)
    {
        items.Upsert(new BsonDocument { ["_id"] = id, ["v"] = value });
        return value;
    }
}

/// <summary>A refusal the service reports to its caller (an expected failure).</summary>
internal sealed class RefusedException() : Exception("refused");

/// <summary>An operation holding the writer thread until released.</summary>
internal sealed class WriterHold
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();

    public Task Started => _started.Task;

    /// <summary>The held operation's own outcome.</summary>
    public Task<int> Completion { get; set; } = Task.FromResult(0);

    public void Release() => _released.Set();

    /// <summary>Called on the writer thread.</summary>
    public void Wait()
    {
        _started.TrySetResult();
        if (!_released.Wait(TaskTimeoutExtensions.DefaultTimeoutSpan))
        {
            throw new TimeoutException("The test never released the writer.");
        }
    }
}
