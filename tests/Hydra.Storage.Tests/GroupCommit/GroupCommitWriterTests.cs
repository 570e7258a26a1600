using Hydra.Testing;

namespace Hydra.Storage.Tests.GroupCommit;

/// <summary>
/// How <see cref="GroupCommitWriter{TTransaction}"/> gathers operations into durable commits and reports each
/// caller's outcome. Operations queue behind a held operation, so which ones share a batch is deterministic.
/// </summary>
public sealed class GroupCommitWriterTests
{
    [Fact]
    public async Task ConcurrentCallers_WhileTheWriterIsBusy_ShareOneCommit()
    {
        // Arrange
        using var harness = new WriterHarness();
        var hold = await harness.HoldWriterAsync();
        var calls = new Task<int>[40];

        // Act
        Parallel.For(0, calls.Length, i => calls[i] = harness.Put($"item-{i}", i));
        hold.Release();
        var results = await Task.WhenAll(calls).DefaultTimeout();

        // Assert
        Assert.Equal(Enumerable.Range(0, calls.Length), results);
        Assert.Equal([1, calls.Length], harness.BatchSizes);
        Assert.All(Enumerable.Range(0, calls.Length), i => Assert.Equal(i, harness.Read($"item-{i}")));
    }

    [Fact]
    public async Task Caller_HearsItsResult_OnlyAfterItsBatchIsCommitted()
    {
        // Arrange
        using var harness = new WriterHarness();
        var hold = await harness.HoldWriterAsync();
        var call = harness.Put("a", 1);
        var seenAtCommit = new List<(bool Told, int? Committed)>();
        harness.OnCommitted = () => seenAtCommit.Add((call.IsCompleted, harness.Read("a")));

        // Act
        hold.Release();
        var result = await call.DefaultTimeout();

        // Assert: at the hold's commit "a" was not written yet; at its own, it was committed and the caller not yet told.
        Assert.Equal(1, result);
        Assert.Equal([(false, null), (false, 1)], seenAtCommit);
    }

    [Fact]
    public async Task ExpectedFailure_KeepsTheBatchsWrites_AndReachesOnlyItsCaller()
    {
        // Arrange
        using var harness = new WriterHarness();
        var hold = await harness.HoldWriterAsync();
        var before = harness.Put("before", 1);
        var refused = harness.Execute<int>(batch =>
        {
            batch.Put("refusal-record", 2);
            throw new RefusedException();
        });
        var after = harness.Put("after", 3);

        // Act
        hold.Release();

        // Assert
        Assert.Equal(1, await before.DefaultTimeout());
        Assert.Equal(3, await after.DefaultTimeout());
        await Assert.ThrowsAsync<RefusedException>(() => refused.DefaultTimeout());
        Assert.Equal(2, harness.Read("refusal-record"));
        Assert.Equal([1, 3], harness.BatchSizes);
        Assert.Equal(0, harness.Rollbacks);
        Assert.Empty(harness.OperationFailures);
    }

    [Fact]
    public async Task UnexpectedException_RollsTheBatchBack_AndRerunsItWithoutThatOperation()
    {
        // Arrange
        using var harness = new WriterHarness();
        var hold = await harness.HoldWriterAsync();
        var runsOfBefore = 0;
        var bug = new FormatException("bug");
        var before = harness.Execute(batch =>
        {
            Interlocked.Increment(ref runsOfBefore);
            return batch.Put("before", 1);
        });
        var broken = harness.Execute<int>(batch =>
        {
            batch.Put("broken", 9);
            throw bug;
        });
        var after = harness.Put("after", 3);

        // Act
        hold.Release();

        // Assert
        Assert.Equal(1, await before.DefaultTimeout());
        Assert.Equal(3, await after.DefaultTimeout());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => broken.DefaultTimeout());
        Assert.Same(bug, error.InnerException);
        Assert.Null(harness.Read("broken"));
        Assert.Equal(2, runsOfBefore);
        Assert.Equal(1, harness.Rollbacks);
        Assert.Equal([bug], harness.OperationFailures);
        Assert.Equal([1, 2], harness.BatchSizes);
        Assert.Null(harness.Writer.Fault);
    }

    [Fact]
    public async Task MaxBatchSize_BoundsEveryCommit()
    {
        // Arrange
        using var harness = new WriterHarness(maxBatchSize: 3);
        var hold = await harness.HoldWriterAsync();
        var calls = Enumerable.Range(0, 7).Select(i => harness.Put($"item-{i}", i)).ToArray();

        // Act
        hold.Release();
        await Task.WhenAll(calls).DefaultTimeout();

        // Assert
        Assert.Equal([1, 3, 3, 1], harness.BatchSizes);
    }

    [Fact]
    public async Task FullQueue_RefusesTheCallAtOnce_WithOverloaded()
    {
        // Arrange
        using var harness = new WriterHarness(maxQueuedOperations: 2);
        var hold = await harness.HoldWriterAsync();
        var queued = new[] { harness.Put("a", 1), harness.Put("b", 2) };

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => { _ = harness.Put("c", 3); });
        hold.Release();

        // Assert
        Assert.Equal("The service is overloaded; retry shortly.", error.Message);
        var results = await Task.WhenAll(queued).DefaultTimeout();
        Assert.Equal([1, 2], results);
        Assert.Null(harness.Read("c"));
    }

    [Fact]
    public async Task CommittedBatch_LeavingALargeLog_IsCopiedIntoTheDataFile()
    {
        // Arrange: every batch leaves a log above the threshold.
        using var harness = new WriterHarness(checkpointBytes: 1);
        await harness.Put("a", 1).DefaultTimeout();
        await harness.Put("b", 2).DefaultTimeout();

        // Act: the checkpoint follows the callers' answers; a drained writer has made it.
        harness.Writer.Dispose();

        // Assert
        Assert.Equal(0, new FileInfo(DurableLiteDatabase.LogFileOf(harness.DataFile)).Length);
        Assert.Equal(1, harness.Read("a"));
        Assert.Equal(2, harness.Read("b"));
        Assert.Empty(harness.CommitFailures);
    }
}
