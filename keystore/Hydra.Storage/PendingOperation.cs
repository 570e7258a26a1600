namespace Hydra.Storage;

/// <summary>An operation waiting for, or running on, a <see cref="GroupCommitWriter{TTransaction}"/>.</summary>
internal abstract class PendingOperation<TTransaction>
{
    /// <summary>Runs the operation in the open batch, unless its caller cancelled while it was queued.</summary>
    /// <exception cref="Exception">Anything the operation threw that is not an expected failure.</exception>
    public abstract void Run(TTransaction transaction, Func<Exception, bool> isExpectedFailure);

    /// <summary>Tells the caller its outcome: the batch holding the operation is durable.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

/// <summary>A caller's operation and the task it awaits.</summary>
/// <remarks>
/// A caller that cancels while its operation is queued hears so at once and the operation never runs. Once the writer
/// has started it, cancelling changes nothing: its writes commit with the batch, and the caller hears that outcome.
/// </remarks>
internal sealed class PendingOperation<TTransaction, T> : PendingOperation<TTransaction>
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Cancelled = 2;

    private readonly Func<TTransaction, T> _work;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;
    private int _state;
    private T? _result;
    private Exception? _expectedFailure;

    public PendingOperation(Func<TTransaction, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        // Registered before the writer can see the operation; a token already cancelled cancels it right here.
        _cancellation = cancellationToken.UnsafeRegister(
            static (state, token) => ((PendingOperation<TTransaction, T>)state!).CancelIfQueued(token), this);
    }

    public Task<T> Task => _completion.Task;

    /// <summary>Stops listening for cancellation when the operation was never queued.</summary>
    public void Abandon() => _cancellation.Dispose();

    public override void Run(TTransaction transaction, Func<Exception, bool> isExpectedFailure)
    {
        // Claims the operation; a batch run again after a rollback runs it again, whatever the token says.
        if (Interlocked.CompareExchange(ref _state, Started, Queued) == Cancelled)
        {
            return;
        }

        _expectedFailure = null;
        try
        {
            _result = _work(transaction);
        }
        catch (Exception ex) when (isExpectedFailure(ex))
        {
            _expectedFailure = ex;
        }
    }

    public override void Complete()
    {
        // Unregister, not Dispose: it must not wait for a cancellation callback running on another thread.
        _cancellation.Unregister();
        if (Volatile.Read(ref _state) == Cancelled)
        {
            return;
        }

        if (_expectedFailure is not null)
        {
            _completion.TrySetException(_expectedFailure);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }

    public override void Fail(Exception exception)
    {
        _cancellation.Unregister();
        _completion.TrySetException(exception);
    }

    private void CancelIfQueued(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
        {
            _completion.TrySetCanceled(token);
        }
    }
}
