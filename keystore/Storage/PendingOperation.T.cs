namespace Hydra.Keystore.Storage;

/// <summary>A pending operation producing <typeparamref name="T"/>.</summary>
internal sealed class PendingOperation<T> : PendingOperation
{
    private readonly Func<StoreTransaction, T> _work;
    private readonly CancellationToken _cancellationToken;
    private readonly bool _requireAudit;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private KeystoreException? _refusal;
    private bool _skipped;

    public PendingOperation(Func<StoreTransaction, T> work, bool requireAudit, CancellationToken cancellationToken)
    {
        _work = work;
        _requireAudit = requireAudit;
        _cancellationToken = cancellationToken;
    }

    public Task<T> Task => _completion.Task;

    public override void Run(StoreTransaction transaction)
    {
        // A caller that gave up before the writer reached it has not accessed anything: skip, leaving no record.
        if (_cancellationToken.IsCancellationRequested)
        {
            _skipped = true;
            return;
        }

        var recordsBefore = transaction.RecordCount;
        _refusal = null;
        try
        {
            _result = _work(transaction);
        }
        catch (KeystoreException refusal)
        {
            _refusal = refusal;
        }

        if (_requireAudit && transaction.RecordCount == recordsBefore)
        {
            // Every operation is audited; one that is not is a bug, and the batch must not commit.
            throw new InvalidOperationException("A keystore operation finished without an audit record.");
        }
    }

    public override void Complete()
    {
        if (_skipped)
        {
            _completion.TrySetCanceled(_cancellationToken);
        }
        else if (_refusal is not null)
        {
            _completion.TrySetException(_refusal);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
