using System.Security.Cryptography;
using System.Threading.Channels;
using Hydra.Access;
using Hydra.Bridge.Handoff;
using Hydra.Bridge.Options;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Sharing;
using Org.BouncyCastle.X509;

namespace Hydra.Bridge.Ingest;

/// <summary>
/// Registers image keys on the keystore cluster in batches: keys that arrive while earlier batches are in flight go
/// out together as one call per node, so throughput is not one round trip per image, and a lone key goes out at once.
/// A key is registered when the write quorum acknowledged durably; shares a node missed are sealed to that node's
/// certificate and queued durably before the caller hears back, and delivered when the node returns.
/// </summary>
internal sealed class KeyRegistrar : IAsyncDisposable
{
    private readonly KeystoreCluster _cluster;
    private readonly BridgeStore _store;
    private readonly NodeCertificates _certificates;
    private readonly BridgeIngestOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly Task _loop;

    public KeyRegistrar(
        KeystoreCluster cluster, BridgeStore store, NodeCertificates certificates, BridgeIngestOptions options, TimeProvider time, ILogger logger)
    {
        _cluster = cluster;
        _store = store;
        _certificates = certificates;
        _options = options;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Registers <paramref name="key"/> under <paramref name="keyId"/>, or, when an earlier unfinished attempt already
    /// registered that key id, returns the key registered then (the bridge owns it), so the ciphertext matches.
    /// </summary>
    public async Task<byte[]> RegisterAsync(KeyId keyId, byte[] key, IReadOnlyList<AclEntry> acl, CancellationToken cancellationToken)
    {
        // The registrar works on its own copy, so a caller that gives up (and wipes its key) cannot change a key
        // that a batch in flight is still splitting.
        var copy = key.ToArray();
        var pending = new Pending(copy, new KeyRegistration(keyId, copy, acl), cancellationToken);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        using var slots = new SemaphoreSlim(_options.MaxKeyBatchesInFlight);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // While every slot is busy, arriving keys wait in the queue and form the next, larger batch.
            await slots.WaitAsync();
            var batch = new List<Pending>();
            await GatherAsync(batch);
            _ = RunBatchAsync(batch, slots);
        }

        // Every batch still in flight holds a slot: taking them all waits for the last one.
        for (var i = 0; i < _options.MaxKeyBatchesInFlight; i++)
        {
            await slots.WaitAsync();
        }
    }

    private async Task RunBatchAsync(List<Pending> batch, SemaphoreSlim slots)
    {
        try
        {
            await RegisterBatchAsync(batch);
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }
        }
        finally
        {
            foreach (var pending in batch)
            {
                CryptographicOperations.ZeroMemory(pending.Key);
            }

            slots.Release();
        }
    }

    private async Task GatherAsync(List<Pending> batch)
    {
        var deadline = _time.GetUtcNow().AddMilliseconds(_options.KeyBatchDelayMilliseconds);
        while (batch.Count < _options.MaxKeyBatch)
        {
            if (_queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                continue;
            }

            var wait = deadline - _time.GetUtcNow();
            if (batch.Count > 0 && wait <= TimeSpan.Zero)
            {
                break;
            }

            using var timeout = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(timeout.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task RegisterBatchAsync(List<Pending> batch)
    {
        var live = batch.Where(p => !p.CancellationToken.IsCancellationRequested).ToList();
        foreach (var cancelled in batch.Except(live))
        {
            cancelled.Completion.TrySetCanceled(cancelled.CancellationToken);
        }

        if (live.Count == 0)
        {
            return;
        }

        var registrations = live.Select(p => p.Registration).ToList();
        var results = await _cluster.TryRegisterKeysAsync(registrations, CancellationToken.None);
        await QueueUndeliveredAsync(registrations, results);
        var reuses = new List<Task>();
        for (var i = 0; i < live.Count; i++)
        {
            var result = results[i];
            if (result.Report is not null)
            {
                live[i].Completion.TrySetResult(live[i].Registration.Key.ToArray());
            }
            else if (result.AlreadyRegistered)
            {
                reuses.Add(ReuseExistingAsync(live[i]));
            }
            else
            {
                live[i].Completion.TrySetException(result.Error!);
            }
        }

        await Task.WhenAll(reuses);
    }

    private async Task ReuseExistingAsync(Pending pending)
    {
        try
        {
            using var existing = await _cluster.GetKeyAsync(pending.Registration.KeyId, pending.CancellationToken);
            BridgeLog.ExistingKeyReused(_logger, pending.Registration.KeyId.Value);
            pending.Completion.TrySetResult(existing.Key.ToArray());
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(ex);
        }
    }

    /// <summary>Seals every share a node missed to that node's certificate and queues it durably.</summary>
    private async Task QueueUndeliveredAsync(List<KeyRegistration> registrations, IReadOnlyList<KeyRegistrationResult> results)
    {
        if (results.All(r => r.Report is null || r.Report.Undelivered.Count == 0))
        {
            return;
        }

        // A node seen in this very batch's handshakes may have failed after it: its certificate must be on record first.
        await _certificates.SaveAsync(CancellationToken.None);
        var queued = new List<HandoffEntry>();
        for (var i = 0; i < results.Count; i++)
        {
            foreach (var share in results[i].Report?.Undelivered ?? [])
            {
                var certificate = _store.NodeCertificate(share.Node.Id);
                if (certificate is null)
                {
                    BridgeLog.ShareNotSealable(_logger, share.Node.Id, registrations[i].KeyId.Value);
                    continue;
                }

                queued.Add(new HandoffEntry(
                    share.Node.Id,
                    registrations[i].KeyId.Value,
                    SealedEnvelopes.Seal(share.Envelope, new X509Certificate(certificate)),
                    [.. registrations[i].Acl.Select(e => e.ToRule())],
                    _time.GetUtcNow()));
            }
        }

        if (queued.Count > 0)
        {
            await _store.EnqueueHandoffAsync(queued, CancellationToken.None);
            foreach (var node in queued.GroupBy(q => q.NodeId))
            {
                BridgeLog.SharesQueued(_logger, node.Count(), node.Key, "the node did not acknowledge");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <summary>A key waiting for its batch; <paramref name="Key"/> is the registrar's copy, wiped once the batch is done.</summary>
    private sealed record Pending(byte[] Key, KeyRegistration Registration, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<byte[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
