using System.Threading.Channels;
using Hydra.Bridge.Ingest.Registration;

namespace Hydra.Bridge.Tests.Ingest;

/// <summary>
/// Stands in for the cluster behind a <see cref="KeyBatcher"/>: records each batch and the token it runs under, holds
/// batches until <see cref="Open"/> (open from the start unless told otherwise), then answers each key with its own.
/// </summary>
internal sealed class RecordingRegistration
{
    private readonly Channel<Batch> _started = Channel.CreateUnbounded<Batch>();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Batch> _batches = [];

    public RecordingRegistration(bool open = true)
    {
        if (open)
        {
            Open();
        }
    }

    /// <summary>Makes every registration throw this instead of answering.</summary>
    public Exception? Failure { get; init; }

    /// <summary>Every batch so far, in the order they started.</summary>
    public IReadOnlyList<Batch> Batches
    {
        get
        {
            lock (_batches)
            {
                return [.. _batches];
            }
        }
    }

    public void Open() => _gate.TrySetResult();

    /// <summary>The next batch that started.</summary>
    public Task<Batch> NextStartedAsync() => _started.Reader.ReadAsync().AsTask();

    public async Task RegisterAsync(IReadOnlyList<PendingKey> keys, CancellationToken lifetime)
    {
        var batch = new Batch([.. keys.Select(k => k.Registration.KeyId.Value)], lifetime);
        lock (_batches)
        {
            _batches.Add(batch);
        }

        _started.Writer.TryWrite(batch);
        await _gate.Task.WaitAsync(lifetime);
        batch.LifetimeCancelledWhenDone = lifetime.IsCancellationRequested;
        if (Failure is not null)
        {
            throw Failure;
        }

        foreach (var key in keys)
        {
            key.CompleteRegistered();
        }
    }

    /// <summary>A batch: the ids of its keys, and the token it ran under.</summary>
    internal sealed record Batch(IReadOnlyList<string> KeyIds, CancellationToken Lifetime)
    {
        /// <summary>Whether the token was cancelled when the batch was let through; null while it is held.</summary>
        public bool? LifetimeCancelledWhenDone { get; set; }
    }
}
