using System.Reflection;
using LiteDB.Engine;

namespace Hydra.Storage;

/// <summary>
/// Waits until LiteDB's background writer has handed every committed log page to the OS.
/// </summary>
/// <remarks>
/// LiteDB 5.0.20's <c>Commit()</c> queues the log pages (TransactionService.Commit -> DiskService.WriteAsync ->
/// DiskWriterQueue.EnqueuePage) for a writer loop. That loop often runs inline on the committing thread (an await
/// continuation), but when it is busy or just started a pool thread writes the pages and <c>Commit()</c> returns
/// first. The wait LiteDB uses before a checkpoint, <c>DiskWriterQueue.Wait()</c>, returns once the loop has written
/// the last queued page; it is internal, so it is reached by reflection once at start-up. If a LiteDB upgrade moves
/// it, the database refuses to open rather than acknowledge writes that are not durable. Hydra.Storage.Tests pins the
/// version and members (LiteDbWriterQueueContractTests) and the behaviour (DurableLiteDatabaseTests).
/// </remarks>
internal sealed class LiteDbWriterQueue
{
    /// <summary>The LiteDB version whose internals this was checked against.</summary>
    public const string CheckedVersion = "5.0.20";

    /// <summary>The path followed from the engine: <c>LiteEngine._disk</c> (a DiskService) ...</summary>
    public const string DiskField = "_disk";

    /// <summary>... <c>DiskService.Queue</c> (a <c>Lazy&lt;DiskWriterQueue&gt;</c>) ...</summary>
    public const string QueueProperty = "Queue";

    /// <summary>... and <c>void DiskWriterQueue.Wait()</c>.</summary>
    public const string WaitMethod = "Wait";

    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private readonly Action _wait;

    public LiteDbWriterQueue(LiteEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _wait = Bind(engine);
    }

    /// <summary>Blocks until the writer queue is empty: every page committed so far has been written.</summary>
    public void WaitUntilWritten() => _wait();

    /// <summary>
    /// Follows <see cref="DiskField"/>, <see cref="QueueProperty"/> and <see cref="WaitMethod"/> from
    /// <paramref name="engine"/> by their runtime types (so a test can hand it a look-alike of a moved LiteDB).
    /// </summary>
    /// <exception cref="InvalidOperationException">A member is missing or has another shape; the message says which.</exception>
    internal static Action Bind(object engine)
    {
        var diskField = engine.GetType().GetField(DiskField, Instance)
            ?? throw Moved($"LiteEngine.{DiskField}", "a field holding the engine's DiskService");
        var disk = diskField.GetValue(engine)
            ?? throw Moved($"LiteEngine.{DiskField}", "set once the engine is open");

        var queueProperty = disk.GetType().GetProperty(QueueProperty, Instance);
        if (queueProperty is not { PropertyType: { IsGenericType: true } lazyType }
            || lazyType.GetGenericTypeDefinition() != typeof(Lazy<>))
        {
            throw Moved($"DiskService.{QueueProperty}", "a property of type Lazy<DiskWriterQueue>");
        }

        var lazyQueue = queueProperty.GetValue(disk)!;
        var queue = lazyType.GetProperty(nameof(Lazy<object>.Value))!.GetValue(lazyQueue)
            ?? throw Moved($"DiskService.{QueueProperty}", "a Lazy that creates the DiskWriterQueue");

        var wait = queue.GetType().GetMethod(WaitMethod, Instance, Type.EmptyTypes);
        if (wait is null || wait.ReturnType != typeof(void))
        {
            throw Moved($"DiskWriterQueue.{WaitMethod}()", "a method without parameters returning void");
        }

        return wait.CreateDelegate<Action>(queue);
    }

    private static InvalidOperationException Moved(string member, string expected)
    {
        var version = typeof(LiteEngine).Assembly.GetName().Version?.ToString(3) ?? "unknown";
        return new InvalidOperationException(
            $"LiteDB {version} does not have {member} as {expected}, as LiteDB {CheckedVersion} has. Commits are made "
            + "durable by waiting on LiteDB's disk writer queue before one fsync of the log, and cannot be without it, "
            + $"so the database will not open. Pin LiteDB {CheckedVersion} in Directory.Packages.props, or check the new "
            + "version's Engine/Disk/DiskWriterQueue.cs and update LiteDbWriterQueue and its contract test.");
    }
}
