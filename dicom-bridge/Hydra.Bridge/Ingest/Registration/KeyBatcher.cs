using System.Threading.Channels;
using Hydra.Bridge.Options;

namespace Hydra.Bridge.Ingest.Registration;

/// <summary>
/// Gathers waiting keys into batches, so the cluster sees one call per node per batch rather than per image. A batch
/// leaves when it holds <see cref="BridgeIngestOptions.MaxKeyBatch"/> keys, or once its first key has waited
/// <see cref="BridgeIngestOptions.KeyBatchDelayMilliseconds"/> for company; keys that arrive while every batch slot is
/// busy wait and form the next, larger batch. All waiting runs on the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// A batch serves many callers, so it runs under the batcher's lifetime, never one caller's token: a caller that gives
/// up stops only its own wait (or, before its batch left, its key's registration). Disposing sends what is queued and
/// waits for every batch; one still running after <see cref="StopTimeout"/> is cancelled.
/// </remarks>
internal sealed class KeyBatcher : IAsyncDisposable
{
    /// <summary>How long stopping waits for batches in flight (a node call may take its whole deadline) before cancelling them.</summary>
    internal static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Func<IReadOnlyList<PendingKey>, CancellationToken, Task> _register;
    private readonly BridgeIngestOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<Queued> _queue = Channel.CreateBounded<Queued>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Task _loop;

    /// <param name="register">
    /// Registers one batch under the given lifetime token and answers every key in it; a throw fails the keys not
    /// answered yet. The keys' copies are wiped once it returns.
    /// </param>
    public KeyBatcher(Func<IReadOnlyList<PendingKey>, CancellationToken, Task> register, BridgeIngestOptions options, TimeProvider time)
    {
        _register = register;
        _options = options;
        _time = time;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="pending"/> for the next batch and waits for its answer (or its caller's cancellation).</summary>
    /// <exception cref="ObjectDisposedException">The batcher is stopping.</exception>
    public async Task<byte[]> SubmitAsync(PendingKey pending)
    {
        try
        {
            await _queue.Writer.WriteAsync(new Queued(pending, _time.GetTimestamp()), pending.CallerCancellation);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // Never queued, so no batch will wipe the copy.
            pending.Wipe();
            ObjectDisposedException.ThrowIf(ex is ChannelClosedException, this);
            throw;
        }

        return await pending.Answer.WaitAsync(pending.CallerCancellation);
    }

    private async Task RunAsync()
    {
        using var slots = new SemaphoreSlim(_options.MaxKeyBatchesInFlight);
        // Ends once disposing completed the queue and every key in it is batched.
        while (await _queue.Reader.WaitToReadAsync())
        {
            // While every slot is busy, arriving keys wait in the queue and form the next, larger batch.
            await slots.WaitAsync();
            var batch = await GatherAsync();
            _ = RunBatchAsync(batch, slots);
        }

        // Every batch still in flight holds a slot: taking them all waits for the last one.
        for (var i = 0; i < _options.MaxKeyBatchesInFlight; i++)
        {
            await slots.WaitAsync();
        }
    }

    private async Task<List<PendingKey>> GatherAsync()
    {
        var batch = new List<PendingKey>();
        CancellationTokenSource? window = null;
        try
        {
            while (batch.Count < _options.MaxKeyBatch)
            {
                if (_queue.Reader.TryRead(out var next))
                {
                    batch.Add(next.Key);
                    // The first key's wait for company counts from its arrival, not from when a slot freed up.
                    window ??= new CancellationTokenSource(RemainingDelay(next.Arrived), _time);
                    continue;
                }

                if (window is null || window.IsCancellationRequested)
                {
                    break;
                }

                try
                {
                    if (!await _queue.Reader.WaitToReadAsync(window.Token))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (window.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        finally
        {
            window?.Dispose();
        }

        return batch;
    }

    private TimeSpan RemainingDelay(long arrived)
    {
        var remaining = TimeSpan.FromMilliseconds(_options.KeyBatchDelayMilliseconds) - _time.GetElapsedTime(arrived);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private async Task RunBatchAsync(List<PendingKey> batch, SemaphoreSlim slots)
    {
        try
        {
            // A caller that gave up before its batch left is not registered at all.
            var live = new List<PendingKey>(batch.Count);
            foreach (var pending in batch)
            {
                if (pending.CallerCancellation.IsCancellationRequested)
                {
                    pending.Cancel();
                }
                else
                {
                    live.Add(pending);
                }
            }

            if (live.Count > 0)
            {
                await _register(live, _lifetime.Token);
            }
        }
        catch (Exception ex)
        {
            batch.ForEach(pending => pending.Fail(ex));
        }
        finally
        {
            batch.ForEach(pending => pending.Wipe());
            slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_queue.Writer.TryComplete())
        {
            return; // Disposed already.
        }

        try
        {
            // Keys already queued still go out and their callers hear back; a cluster that does not answer is cut off.
            await _loop.WaitAsync(StopTimeout, _time);
        }
        catch (TimeoutException)
        {
            await _lifetime.CancelAsync();
            await _loop;
        }

        await _lifetime.CancelAsync();
        _lifetime.Dispose();
    }

    /// <summary>A queued key and when it arrived (a <see cref="TimeProvider"/> timestamp).</summary>
    private readonly record struct Queued(PendingKey Key, long Arrived);
}
