using System.Reflection;
using LiteDB.Engine;

namespace Hydra.Storage;

/// <summary>
/// Waits until LiteDB's background writer has handed every committed log page to the OS.
/// </summary>
/// <remarks>
/// LiteDB 5.0.20 returns from <c>Commit()</c> once pages are queued, not written (Engine/Disk/DiskWriterQueue.cs).
/// The wait it uses before a checkpoint is internal, so it is reached by reflection once at start-up; if a LiteDB
/// upgrade moves it, the node refuses to start rather than acknowledge writes that are not durable.
/// </remarks>
internal sealed class LiteDbWriterQueue
{
    private readonly Action _wait;

    public LiteDbWriterQueue(LiteEngine engine)
    {
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        try
        {
            var disk = typeof(LiteEngine).GetField("_disk", Instance)!.GetValue(engine)!;
            var lazyQueue = disk.GetType().GetProperty("Queue", Instance)!.GetValue(disk)!;
            var queue = lazyQueue.GetType().GetProperty("Value", Instance)!.GetValue(lazyQueue)!;
            var wait = queue.GetType().GetMethod("Wait", Instance, Type.EmptyTypes)!;
            _wait = wait.CreateDelegate<Action>(queue);
        }
        catch (Exception ex) when (ex is NullReferenceException or ArgumentException or TargetInvocationException)
        {
            throw new InvalidOperationException(
                "This LiteDB version does not expose its disk writer queue as 5.0.20 does; the keystore cannot "
                + "guarantee durable commits with it. Pin LiteDB 5.0.20.", ex);
        }
    }

    /// <summary>Blocks until the writer queue is empty: every page committed so far has been written.</summary>
    public void WaitUntilWritten() => _wait();
}
