using System.Reflection;
using LiteDB.Engine;

namespace Hydra.Storage.Tests;

/// <summary>
/// Pins the LiteDB internals <see cref="LiteDbWriterQueue"/> reaches by reflection. When one of these fails after a
/// LiteDB upgrade, the durability of every commit is in question: read the new version's sources before changing them.
/// </summary>
public sealed class LiteDbWriterQueueContractTests
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private const string UpgradeSteps =
        "To take a new LiteDB: read its Engine/Services/TransactionService.cs (Commit), Engine/Disk/DiskService.cs "
        + "(WriteAsync, Queue) and Engine/Disk/DiskWriterQueue.cs (Wait, ExecuteQueue), and confirm that Commit() still "
        + "only queues log pages and that Wait() still returns only once every queued page was written to the stream; "
        + "then update LiteDbWriterQueue (CheckedVersion and the member names) and these tests. "
        + "DurableLiteDatabaseTests must pass unchanged. Otherwise pin LiteDB "
        + LiteDbWriterQueue.CheckedVersion + " in Directory.Packages.props.";

    private static readonly Assembly LiteDb = typeof(LiteEngine).Assembly;

    [Fact]
    public void LiteDbPackage_IsTheVersionTheWriterQueueWasCheckedAgainst()
    {
        var version = LiteDb.GetName().Version!.ToString(3);

        Assert.True(
            version == LiteDbWriterQueue.CheckedVersion,
            $"LiteDB {version} is referenced, but LiteDbWriterQueue was checked against LiteDB {LiteDbWriterQueue.CheckedVersion}. {UpgradeSteps}");
    }

    [Fact]
    public void LiteEngine_KeepsItsDiskService_InTheDiskField()
    {
        var field = typeof(LiteEngine).GetField(LiteDbWriterQueue.DiskField, Instance);

        Assert.True(
            field?.FieldType == DiskService,
            $"LiteEngine.{LiteDbWriterQueue.DiskField} should be a field of type LiteDB.Engine.DiskService, found {Describe(field?.FieldType)}. {UpgradeSteps}");
    }

    [Fact]
    public void DiskService_ExposesItsWriterQueue_AsALazy()
    {
        var property = DiskService.GetProperty(LiteDbWriterQueue.QueueProperty, Instance);
        var expected = typeof(Lazy<>).MakeGenericType(DiskWriterQueue);

        Assert.True(
            property?.PropertyType == expected,
            $"DiskService.{LiteDbWriterQueue.QueueProperty} should be a property of type {Describe(expected)}, found {Describe(property?.PropertyType)}. {UpgradeSteps}");
    }

    [Fact]
    public void DiskWriterQueue_HasAWaitWithoutParameters_ReturningVoid()
    {
        var wait = DiskWriterQueue.GetMethod(LiteDbWriterQueue.WaitMethod, Instance, Type.EmptyTypes);

        Assert.True(
            wait?.ReturnType == typeof(void),
            $"DiskWriterQueue.{LiteDbWriterQueue.WaitMethod}() should exist and return void, found {Describe(wait?.ReturnType)}. {UpgradeSteps}");
    }

    [Fact]
    public void Bind_OnAnOpenEngine_WaitsOnThatEnginesWriterQueue()
    {
        using var engine = new LiteEngine(new EngineSettings { DataStream = new MemoryStream(), LogStream = new MemoryStream() });

        var wait = LiteDbWriterQueue.Bind(engine);

        var disk = typeof(LiteEngine).GetField(LiteDbWriterQueue.DiskField, Instance)!.GetValue(engine)!;
        var lazy = DiskService.GetProperty(LiteDbWriterQueue.QueueProperty, Instance)!.GetValue(disk)!;
        Assert.Same(lazy.GetType().GetProperty("Value")!.GetValue(lazy), wait.Target);
        Assert.Equal(LiteDbWriterQueue.WaitMethod, wait.Method.Name);
        wait();
    }

    [Fact]
    public void Bind_OnAnEngineWithoutTheDiskField_RefusesWithTheMemberAndTheWayOut()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LiteDbWriterQueue.Bind(new MovedEngine()));

        Assert.Contains("LiteEngine._disk", error.Message, StringComparison.Ordinal);
        AssertSaysWhatToDo(error);
    }

    [Fact]
    public void Bind_OnADiskWhoseQueueIsNotLazy_RefusesWithTheMemberAndTheWayOut()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LiteDbWriterQueue.Bind(new LookAlikeEngine(new EagerDisk())));

        Assert.Contains("DiskService.Queue", error.Message, StringComparison.Ordinal);
        AssertSaysWhatToDo(error);
    }

    [Fact]
    public void Bind_OnAQueueWhoseWaitReturnsATask_RefusesWithTheMemberAndTheWayOut()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LiteDbWriterQueue.Bind(new LookAlikeEngine(new LookAlikeDisk<AsyncQueue>())));

        Assert.Contains("DiskWriterQueue.Wait()", error.Message, StringComparison.Ordinal);
        AssertSaysWhatToDo(error);
    }

    [Fact]
    public void Bind_OnALookAlikeOfTheCheckedShape_CallsItsWait()
    {
        var disk = new LookAlikeDisk<CountingQueue>();

        var wait = LiteDbWriterQueue.Bind(new LookAlikeEngine(disk));
        wait();
        wait();

        Assert.Equal(2, disk.Queue.Value.Waits);
    }

    private static Type DiskService => LiteDb.GetType("LiteDB.Engine.DiskService")
        ?? throw new InvalidOperationException($"LiteDB.Engine.DiskService is gone. {UpgradeSteps}");

    private static Type DiskWriterQueue => LiteDb.GetType("LiteDB.Engine.DiskWriterQueue")
        ?? throw new InvalidOperationException($"LiteDB.Engine.DiskWriterQueue is gone. {UpgradeSteps}");

    private static string Describe(Type? type) => type is null ? "nothing" : type.ToString();

    private static void AssertSaysWhatToDo(InvalidOperationException error)
    {
        Assert.Contains($"as LiteDB {LiteDbWriterQueue.CheckedVersion} has", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Pin LiteDB {LiteDbWriterQueue.CheckedVersion} in Directory.Packages.props", error.Message, StringComparison.Ordinal);
        Assert.Contains("DiskWriterQueue.cs", error.Message, StringComparison.Ordinal);
    }

    // Look-alikes of LiteDB's object graph, shaped as a later version might be.
#pragma warning disable IDE0044, IDE0051, CA1822, RCS1169 // read only by reflection, as LiteDB's own members are
    private sealed class MovedEngine
    {
        private object _diskService = new();
    }

    private sealed class LookAlikeEngine(object disk)
    {
        private object _disk = disk;
    }

    private sealed class EagerDisk
    {
        public CountingQueue Queue { get; } = new();
    }

    private sealed class LookAlikeDisk<TQueue>
        where TQueue : new()
    {
        public Lazy<TQueue> Queue { get; } = new(() => new TQueue());
    }

    private sealed class CountingQueue
    {
        public int Waits { get; private set; }

        public void Wait() => Waits++;
    }

    private sealed class AsyncQueue
    {
        public Task Wait() => Task.CompletedTask;
    }
#pragma warning restore IDE0044, IDE0051, CA1822, RCS1169
}
