using System.Runtime.ExceptionServices;
using Hydra.Testing;

namespace Hydra.Storage.Tests;

/// <summary>A blocking call on its own thread, to tell whether it returns or waits.</summary>
internal sealed class BlockingCall
{
    private readonly Thread _thread;
    private Exception? _error;

    private BlockingCall(Action action)
    {
        _thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                _error = ex;
            }
        })
        { IsBackground = true, Name = "blocking-call" };
    }

    public static BlockingCall Start(Action action)
    {
        var call = new BlockingCall(action);
        call._thread.Start();
        return call;
    }

    /// <summary>
    /// True once the call is waiting (blocked on a lock or an event); false when it returned first: a wait that is
    /// missing or returns at once is seen returning.
    /// </summary>
    public bool IsWaiting()
    {
        if (!SpinWait.SpinUntil(
                () => !_thread.IsAlive || (_thread.ThreadState & ThreadState.WaitSleepJoin) != 0,
                TaskTimeoutExtensions.DefaultTimeoutSpan))
        {
            throw new TimeoutException("The call neither returned nor waited.");
        }

        return _thread.IsAlive;
    }

    /// <summary>Waits for the call to return and rethrows what it threw.</summary>
    public void Join()
    {
        if (!_thread.Join(TaskTimeoutExtensions.DefaultTimeoutSpan))
        {
            throw new TimeoutException("The call did not return.");
        }

        if (_error is not null)
        {
            ExceptionDispatchInfo.Throw(_error);
        }
    }
}
