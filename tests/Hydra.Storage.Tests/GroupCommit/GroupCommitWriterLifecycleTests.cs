using Hydra.Testing;

namespace Hydra.Storage.Tests.GroupCommit;

/// <summary>
/// When <see cref="GroupCommitWriter{TTransaction}"/> stops, how cancellation reaches a queued operation, and how it
/// drains on dispose.
/// </summary>
public sealed class GroupCommitWriterLifecycleTests
{
    [Fact]
    public async Task CommitFailure_StopsTheWriter_AndEveryCallAfterItGetsStopped()
    {
        // Arrange
        using var harness = new WriterHarness();
        var hold = await harness.HoldWriterAsync();
        var queuedRan = false;
        var queued = harness.Execute(batch =>
        {
            queuedRan = true;
            return batch.Put("queued", 2);
        });
        var diskFull = new IOException("disk full");
        harness.Writer.InjectCommitFailure = diskFull;

        // Act: the hold's batch is the one whose commit fails.
        hold.Release();

        // Assert: the hold's caller never hears its (uncommitted) result, nor does anyone after it.
        var holdError = await Assert.ThrowsAsync<IOException>(() => hold.Completion.DefaultTimeout());
        Assert.Same(diskFull, holdError.InnerException);
        Assert.Contains("restart", holdError.Message, StringComparison.Ordinal);
        var queuedError = await Assert.ThrowsAsync<IOException>(() => queued.DefaultTimeout());
        Assert.Same(diskFull, queuedError.InnerException);
        Assert.False(queuedRan);
        var laterError = Assert.Throws<IOException>(() => { _ = harness.Put("later", 3); });
        Assert.Same(diskFull, laterError.InnerException);
        Assert.Same(diskFull, harness.Writer.Fault);
        Assert.Null(harness.Read(WriterHarness.HoldId));
        Assert.Equal([(1, (Exception)diskFull)], harness.CommitFailures);
        Assert.Equal(1, harness.Rollbacks);
        Assert.Empty(harness.BatchSizes);
    }

    [Fact]
    public async Task HookFailingBeforeTheOperations_StopsTheWriter_InsteadOfEndingTheProcess()
    {
        // Arrange
        using var harness = new WriterHarness();
        var broken = new FormatException("hook");
        harness.FailNextBeginBatch(broken);

        // Act
        var call = harness.Put("a", 1);

        // Assert
        var error = await Assert.ThrowsAsync<IOException>(() => call.DefaultTimeout());
        Assert.Same(broken, error.InnerException);
        Assert.Same(broken, harness.Writer.Fault);
        Assert.Equal(1, harness.Rollbacks);
        Assert.Null(harness.Read("a"));
        Assert.Throws<IOException>(() => { _ = harness.Put("later", 2); });
    }

    [Fact]
    public async Task HookFailingAfterADurableCommit_StillTellsTheCallersTheirResults_ThenStops()
    {
        // Arrange
        using var harness = new WriterHarness();
        var broken = new FormatException("hook");
        harness.OnCommitted = () => throw broken;

        // Act
        var result = await harness.Put("a", 1).DefaultTimeout();
        var later = await Record.ExceptionAsync(() => harness.Put("later", 2).DefaultTimeout());

        // Assert
        Assert.Equal(1, result);
        Assert.Equal(1, harness.Read("a"));
        Assert.Same(broken, Assert.IsType<IOException>(later).InnerException);
        Assert.Equal(0, harness.Rollbacks);
        Assert.Null(harness.Read("later"));
    }

    [Fact]
    public async Task QueuedOperation_WhoseCallerCancels_IsCancelledAtOnce_AndNeverRuns()
    {
        // Arrange
        using var harness = new WriterHarness();
        var hold = await harness.HoldWriterAsync();
        using var cancellation = new CancellationTokenSource();
        var ran = false;
        var cancelled = harness.Execute(
            batch =>
            {
                ran = true;
                return batch.Put("cancelled", 1);
            },
            cancellation.Token);
        var next = harness.Put("next", 2);

        // Act
        await cancellation.CancelAsync();

        // Assert: the caller hears it while the writer is still busy; the operation is skipped when its turn comes.
        Assert.True(cancelled.IsCanceled);
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        hold.Release();
        Assert.Equal(2, await next.DefaultTimeout());
        Assert.False(ran);
        Assert.Null(harness.Read("cancelled"));
        Assert.Equal([1, 1], harness.BatchSizes);
    }

    [Fact]
    public async Task OperationWhoseCallerCancelsAfterItStarted_IsCommitted_AndReturnsItsResult()
    {
        // Arrange
        using var harness = new WriterHarness();
        using var cancellation = new CancellationTokenSource();

        // Act
        var result = await harness.Execute(
            batch =>
            {
                var value = batch.Put("started", 5);
                cancellation.Cancel();
                return value;
            },
            cancellation.Token).DefaultTimeout();

        // Assert
        Assert.Equal(5, result);
        Assert.Equal(5, harness.Read("started"));
    }

    [Fact]
    public async Task CallWithACancelledToken_IsCancelledWithoutBeingQueued()
    {
        // Arrange
        using var harness = new WriterHarness(maxQueuedOperations: 1);
        var hold = await harness.HoldWriterAsync();
        var ran = false;

        // Act
        var cancelled = harness.Execute(_ => ran = true, new CancellationToken(canceled: true));
        var queued = harness.Put("queued", 1);

        // Assert: it took no place in the queue of one.
        Assert.True(cancelled.IsCanceled);
        hold.Release();
        Assert.Equal(1, await queued.DefaultTimeout());
        Assert.False(ran);
    }

    [Fact]
    public async Task Dispose_ReturnsOnlyOnceEveryQueuedOperationIsCommitted_AndRefusesNewOnes()
    {
        // Arrange
        using var harness = new WriterHarness();
        var hold = await harness.HoldWriterAsync();
        var queued = Enumerable.Range(0, 20).Select(i => harness.Put($"item-{i}", i)).ToArray();

        // Act
        var dispose = BlockingCall.Start(harness.Writer.Dispose);
        var waited = dispose.IsWaiting();
        var late = Assert.Throws<ObjectDisposedException>(() => { _ = harness.Put("late", 0); });
        hold.Release();
        dispose.Join();

        // Assert
        Assert.True(waited, "Dispose returned while operations were still queued.");
        Assert.All(queued, call => Assert.True(call.IsCompletedSuccessfully));
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(i, harness.Read($"item-{i}")));
        Assert.Null(harness.Read("late"));
        Assert.NotNull(late);
    }
}
