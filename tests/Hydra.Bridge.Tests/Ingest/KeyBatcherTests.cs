using Hydra.Bridge.Ingest.Registration;
using Hydra.Bridge.Options;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Testing;

namespace Hydra.Bridge.Tests.Ingest;

/// <summary>How keys form batches, on a fake clock: by size, by delay, by free slots; callers' and the batcher's lifetimes.</summary>
public sealed class KeyBatcherTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(40);
    private readonly ObservedTimeProvider _time = new();

    [Fact]
    public async Task KeysArrivingWithinTheDelay_GoOutAsOneBatch()
    {
        // Arrange
        var registration = new RecordingRegistration();
        var batcher = Batcher(registration);

        // Act: the second and third key arrive half-way through the first one's wait.
        var first = batcher.SubmitAsync(Key(1));
        await _time.WaitForTimerAsync(Delay).DefaultTimeout();
        _time.Advance(Delay / 2);
        var second = batcher.SubmitAsync(Key(2));
        var third = batcher.SubmitAsync(Key(3));
        _time.Advance(Delay / 2);
        var keys = await Task.WhenAll(first, second, third).DefaultTimeout();
        await batcher.DisposeAsync().AsTask().DefaultTimeout();

        // Assert
        Assert.Equal(["ingest:k1", "ingest:k2", "ingest:k3"], Assert.Single(registration.Batches).KeyIds);
        Assert.Equal([KeyBytes(1), KeyBytes(2), KeyBytes(3)], keys);
    }

    [Fact]
    public async Task LoneKey_GoesOutOnceTheDelayHasPassed_NotBefore()
    {
        var registration = new RecordingRegistration();
        var batcher = Batcher(registration);

        var answer = batcher.SubmitAsync(Key(1));
        await _time.WaitForTimerAsync(Delay).DefaultTimeout();
        _time.Advance(Delay - TimeSpan.FromMilliseconds(1));
        var sentEarly = registration.Batches.Count;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var key = await answer.DefaultTimeout();
        await batcher.DisposeAsync().AsTask().DefaultTimeout();

        Assert.Equal(0, sentEarly);
        Assert.Equal(KeyBytes(1), key);
        Assert.Equal(["ingest:k1"], Assert.Single(registration.Batches).KeyIds);
    }

    [Fact]
    public async Task FullBatch_GoesAtOnce_WithoutWaitingForTheDelay()
    {
        var registration = new RecordingRegistration();
        var batcher = Batcher(registration, maxBatch: 3, delayMilliseconds: 1000);

        // The clock never moves: only the batch filling up can send it.
        var keys = await Task.WhenAll(batcher.SubmitAsync(Key(1)), batcher.SubmitAsync(Key(2)), batcher.SubmitAsync(Key(3))).DefaultTimeout();
        await batcher.DisposeAsync().AsTask().DefaultTimeout();

        Assert.Equal(["ingest:k1", "ingest:k2", "ingest:k3"], Assert.Single(registration.Batches).KeyIds);
        Assert.Equal([KeyBytes(1), KeyBytes(2), KeyBytes(3)], keys);
    }

    [Fact]
    public async Task KeysArrivingWhileEverySlotIsBusy_WaitAndFormTheNextBatch()
    {
        var registration = new RecordingRegistration(open: false);
        var batcher = Batcher(registration, delayMilliseconds: 0, inFlight: 1);

        var first = batcher.SubmitAsync(Key(1));
        await registration.NextStartedAsync().DefaultTimeout();
        var second = batcher.SubmitAsync(Key(2));
        var third = batcher.SubmitAsync(Key(3));
        registration.Open();
        await Task.WhenAll(first, second, third).DefaultTimeout();
        await batcher.DisposeAsync().AsTask().DefaultTimeout();

        Assert.Collection(
            registration.Batches,
            batch => Assert.Equal(["ingest:k1"], batch.KeyIds),
            batch => Assert.Equal(["ingest:k2", "ingest:k3"], batch.KeyIds));
    }

    [Fact]
    public async Task CallerCancelledAfterItsBatchLeft_OnlyItsWaitEnds_TheOthersInTheBatchAreRegistered()
    {
        var registration = new RecordingRegistration(open: false);
        var batcher = Batcher(registration, maxBatch: 2, delayMilliseconds: 1000);
        using var giveUp = new CancellationTokenSource();

        var cancelled = batcher.SubmitAsync(Key(1, giveUp.Token));
        var other = batcher.SubmitAsync(Key(2));
        var batch = await registration.NextStartedAsync().DefaultTimeout();
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled).DefaultTimeout();
        registration.Open();
        var key = await other.DefaultTimeout();
        await batcher.DisposeAsync().AsTask().DefaultTimeout();

        Assert.Equal(["ingest:k1", "ingest:k2"], batch.KeyIds);
        Assert.False(batch.LifetimeCancelledWhenDone);
        Assert.Equal(KeyBytes(2), key);
    }

    [Fact]
    public async Task CallerCancelledBeforeItsBatchLeft_IsLeftOut_AndItsCopyIsWiped()
    {
        var registration = new RecordingRegistration();
        var batcher = Batcher(registration, maxBatch: 2, delayMilliseconds: 1000);
        using var giveUp = new CancellationTokenSource();
        var gaveUp = Key(1, giveUp.Token);

        var cancelled = batcher.SubmitAsync(gaveUp);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1)).DefaultTimeout();
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled).DefaultTimeout();
        var key = await batcher.SubmitAsync(Key(2)).DefaultTimeout();
        await batcher.DisposeAsync().AsTask().DefaultTimeout();

        Assert.Equal(["ingest:k2"], Assert.Single(registration.Batches).KeyIds);
        Assert.Equal(KeyBytes(2), key);
        Assert.All(gaveUp.Registration.Key.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task RegistrationFails_EveryCallerInTheBatchHearsWhy()
    {
        var registration = new RecordingRegistration { Failure = new ClusterException("no write quorum") };
        var batcher = Batcher(registration, maxBatch: 2, delayMilliseconds: 1000);

        var first = batcher.SubmitAsync(Key(1));
        var second = batcher.SubmitAsync(Key(2));
        var errors = await Task.WhenAll(
            Assert.ThrowsAsync<ClusterException>(() => first),
            Assert.ThrowsAsync<ClusterException>(() => second)).DefaultTimeout();
        await batcher.DisposeAsync().AsTask().DefaultTimeout();

        Assert.All(errors, error => Assert.Equal("no write quorum", error.Message));
    }

    [Fact]
    public async Task Dispose_SendsTheKeysStillQueued_WaitsForEveryBatch_AndRefusesNewKeys()
    {
        var registration = new RecordingRegistration(open: false);
        var batcher = Batcher(registration, maxBatch: 1, delayMilliseconds: 0, inFlight: 1);
        var late = Key(4);

        // Act: one batch in flight, two keys queued behind it, when disposing starts.
        var answers = new[] { batcher.SubmitAsync(Key(1)), batcher.SubmitAsync(Key(2)), batcher.SubmitAsync(Key(3)) };
        await registration.NextStartedAsync().DefaultTimeout();
        var disposing = batcher.DisposeAsync().AsTask();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.SubmitAsync(late)).DefaultTimeout();
        var stoppedEarly = disposing.IsCompleted;
        registration.Open();
        await disposing.DefaultTimeout();
        var keys = await Task.WhenAll(answers).DefaultTimeout();

        // Assert: every queued key went out under a live lifetime, which ended with the disposal.
        Assert.False(stoppedEarly);
        Assert.Equal([KeyBytes(1), KeyBytes(2), KeyBytes(3)], keys);
        Assert.Equal(["ingest:k1", "ingest:k2", "ingest:k3"], registration.Batches.SelectMany(b => b.KeyIds));
        Assert.All(registration.Batches, b => Assert.False(b.LifetimeCancelledWhenDone));
        Assert.True(registration.Batches[0].Lifetime.IsCancellationRequested);
        Assert.All(late.Registration.Key.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Dispose_BatchStillRunningAfterTheStopTimeout_IsCancelled()
    {
        var registration = new RecordingRegistration(open: false);
        var batcher = Batcher(registration, delayMilliseconds: 0);

        var answer = batcher.SubmitAsync(Key(1));
        var batch = await registration.NextStartedAsync().DefaultTimeout();
        var disposing = batcher.DisposeAsync().AsTask();
        await _time.WaitForTimerAsync(KeyBatcher.StopTimeout).DefaultTimeout();
        var cancelledEarly = batch.Lifetime.IsCancellationRequested;
        _time.Advance(KeyBatcher.StopTimeout);
        await disposing.DefaultTimeout();

        Assert.False(cancelledEarly);
        Assert.True(batch.Lifetime.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer).DefaultTimeout();
    }

    private KeyBatcher Batcher(RecordingRegistration registration, int maxBatch = 256, int delayMilliseconds = 40, int inFlight = 4) =>
        new(
            registration.RegisterAsync,
            new BridgeIngestOptions { MaxKeyBatch = maxBatch, KeyBatchDelayMilliseconds = delayMilliseconds, MaxKeyBatchesInFlight = inFlight },
            _time);

    private static PendingKey Key(int n, CancellationToken cancellationToken = default) =>
        new(KeyId.Parse($"ingest:k{n}"), KeyBytes(n), [], cancellationToken);

    private static byte[] KeyBytes(int n) => Enumerable.Repeat((byte)n, 32).ToArray();
}
