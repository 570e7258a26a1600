namespace Hydra.Storage.Tests;

/// <summary>
/// Puts LiteDB's log writer on another thread, as it is whenever the committing thread finds it busy.
/// </summary>
/// <remarks>
/// LiteDB 5.0.20's writer loop awaits a TaskCompletionSource that <c>DiskWriterQueue.EnqueuePage</c> completes. When
/// the loop was idle and the committing thread has no synchronization context, the await's continuation runs inline,
/// so <c>Commit()</c> writes the pages itself; when the loop is busy, just started, or inlining is not allowed, a pool
/// thread writes them and <c>Commit()</c> returns first. A synchronization context of a derived type disallows inlining
/// for the duration of <paramref name="commit"/>, which makes that second case deterministic.
/// </remarks>
internal static class LiteDbWriterLoop
{
    public static void OffTheCommittingThread(Action commit)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new NoInliningContext());
        try
        {
            commit();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private sealed class NoInliningContext : SynchronizationContext;
}
