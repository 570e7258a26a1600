using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Hydra.Access;
using Hydra.Bridge.Ingest.Registration;
using Hydra.Bridge.Options;
using Hydra.Cluster;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Ingest;

/// <summary>
/// Image keys registered on the cluster ahead of need, one pool per ACL. An image takes a key that is already durable
/// on the write quorum (or durably queued for a node that was down), so its acknowledgement waits only for its own
/// object and catalog entry, and the nodes see registrations in batches of many keys instead of one call per image.
/// </summary>
/// <remarks>
/// Each key is used for one image only. Keys still waiting when the bridge stops are deleted from the cluster (best
/// effort). After a crash, or a refill cut short by stopping, they stay registered but protect nothing, since no
/// ciphertext refers to them: at most <see cref="BridgeIngestOptions.KeyPoolSize"/> per ACL (per sender, and per
/// patient for the last <see cref="MaxPatientPools"/> patients when patients get a grant). Keys exist only in memory and are wiped once used or dropped.
/// </remarks>
internal sealed class KeyPool : IAsyncDisposable
{
    /// <summary>How long stopping may wait for refills in flight, and then spend deleting unused keys.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Patients whose keys are kept registered ahead at once. A study arrives as a burst of one patient's images, so a
    /// few pools serve every sender at work; the least recently used beyond this is closed and its spare keys deleted.
    /// A patient's pool starts at one key and doubles with each refill, so a patient with a single image leaves at most
    /// two keys to delete, not a full pool.
    /// </summary>
    internal const int MaxPatientPools = 32;

    private readonly KeyRegistrar _registrar;
    private readonly KeystoreCluster _cluster;
    private readonly int _size;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<IngestAcl.SenderAcl, AclKeyPool> _pools = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _patientGate = new();
    private readonly Dictionary<string, (AclKeyPool Pool, long LastUsed)> _patientPools = new(StringComparer.Ordinal);
    private readonly List<Task> _evictions = [];
    private volatile bool _closing;

    public KeyPool(KeyRegistrar registrar, KeystoreCluster cluster, BridgeIngestOptions options, TimeProvider time, ILogger<KeyPool> logger)
    {
        _registrar = registrar;
        _cluster = cluster;
        _size = options.KeyPoolSize;
        _time = time;
        _logger = logger;
    }

    /// <summary>A registered key carrying <paramref name="acl"/>; throws <see cref="ClusterException"/> when none can be registered.</summary>
    /// <remarks>
    /// A sender's ACL is shared by all its images. An ACL holding a patient's grant is that patient's alone: its pool
    /// lives while the patient's images keep coming, among at most <see cref="MaxPatientPools"/> patients.
    /// </remarks>
    public async Task<PooledKey> TakeAsync(IngestAcl.SenderAcl acl, CancellationToken cancellationToken)
    {
        if (acl.Patient is null)
        {
            return await _pools.GetOrAdd(acl, NewPool).TakeAsync(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            try
            {
                return await PatientPool(acl).TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException) when (!_closing)
            {
                // Evicted between lookup and take (by 32 other patients meanwhile): the next lookup opens a new pool.
            }
        }
    }

    private AclKeyPool NewPool(IngestAcl.SenderAcl acl) =>
        new(_size, count => RegisterAsync(count, acl.Entries), (ex, left) => BridgeLog.KeyPoolRefillFailed(_logger, left, ex.Message),
            initialSize: acl.Patient is null ? _size : 1);

    private AclKeyPool PatientPool(IngestAcl.SenderAcl acl)
    {
        var rules = string.Join('\n', acl.Rules);
        lock (_patientGate)
        {
            ObjectDisposedException.ThrowIf(_closing, this);
            if (!_patientPools.TryGetValue(rules, out var entry))
            {
                if (_patientPools.Count >= MaxPatientPools)
                {
                    var oldest = _patientPools.MinBy(p => p.Value.LastUsed);
                    _patientPools.Remove(oldest.Key);
                    _evictions.RemoveAll(t => t.IsCompleted);
                    _evictions.Add(EvictAsync(oldest.Value.Pool));
                }

                entry = (NewPool(acl), 0);
            }

            _patientPools[rules] = (entry.Pool, _time.GetTimestamp());
            return entry.Pool;
        }
    }

    /// <summary>Closes a patient's pool and deletes the keys it registered that no image took (best effort, as at stop).</summary>
    private async Task EvictAsync(AclKeyPool pool)
    {
        var unused = await pool.DrainAsync().ConfigureAwait(false);
        var left = 0;
        foreach (var key in unused)
        {
            key.Dispose();
            left += await TryDeleteAsync(key.Id, _lifetime.Token).ConfigureAwait(false) ? 0 : 1;
        }

        BridgeLog.KeyPoolDrained(_logger, unused.Count, left);
    }

    private IReadOnlyList<AclKeyPool> AllPools()
    {
        lock (_patientGate)
        {
            return [.. _pools.Values, .. _patientPools.Values.Select(p => p.Pool)];
        }
    }

    /// <summary>The id of a fresh pooled key: random, so it says nothing about the image it will protect.</summary>
    public static KeyId NewKeyId() => KeyId.Parse("ingest:" + Guid.NewGuid().ToString("N"));

    private async Task<IReadOnlyList<PooledKey>> RegisterAsync(int count, IReadOnlyList<AclEntry> acl)
    {
        var keys = Enumerable.Range(0, count).Select(_ => (Id: NewKeyId(), Key: RandomNumberGenerator.GetBytes(32))).ToList();
        // Queued together, the registrations leave as one batch call per node. A refill has no caller of its own: the
        // takers waiting for it each bound their own wait, so only stopping the pool gives it up.
        var attempts = keys.Select(k => _registrar.RegisterAsync(k.Id, k.Key, acl, _lifetime.Token)).ToList();
        try
        {
            await Task.WhenAll(attempts).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each attempt is looked at below: the keys registered are kept even when others failed.
        }
        finally
        {
            keys.ForEach(k => CryptographicOperations.ZeroMemory(k.Key));
        }

        var registered = new List<PooledKey>(count);
        for (var i = 0; i < count; i++)
        {
            if (attempts[i].IsCompletedSuccessfully)
            {
                registered.Add(new PooledKey(keys[i].Id, await attempts[i].ConfigureAwait(false)));
            }
        }

        if (registered.Count == 0)
        {
            ExceptionDispatchInfo.Throw(attempts[0].Exception?.InnerException ?? new TaskCanceledException(attempts[0]));
        }

        return registered;
    }

    /// <summary>
    /// Waits until no pool is registering keys (so every share a down node missed is queued by then) and the spare keys
    /// of closed patient pools are deleted.
    /// </summary>
    public async Task SettleAsync()
    {
        Task[] evictions;
        lock (_patientGate)
        {
            evictions = [.. _evictions];
        }

        await Task.WhenAll(AllPools().Select(pool => pool.SettleAsync()).Concat(evictions)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_lifetime.IsCancellationRequested)
        {
            return; // Disposed already.
        }

        _closing = true;
        var unused = (await DrainPoolsAsync().ConfigureAwait(false)).SelectMany(keys => keys).ToList();
        Task[] evictions;
        lock (_patientGate)
        {
            evictions = [.. _evictions];
        }

        try
        {
            await Task.WhenAll(evictions).WaitAsync(DrainTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Cancelled below: keys an eviction did not delete protect nothing (see remarks).
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        if (unused.Count == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(DrainTimeout, _time);
        var left = 0;
        foreach (var key in unused)
        {
            key.Dispose();
            left += await TryDeleteAsync(key.Id, timeout.Token).ConfigureAwait(false) ? 0 : 1;
        }

        BridgeLog.KeyPoolDrained(_logger, unused.Count, left);
    }

    /// <summary>Closes every pool and takes the keys left; refills in flight may finish within the drain timeout.</summary>
    private async Task<IReadOnlyList<PooledKey>[]> DrainPoolsAsync()
    {
        var drains = Task.WhenAll(AllPools().Select(pool => pool.DrainAsync()));
        try
        {
            return await drains.WaitAsync(DrainTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The refills still waiting are given up; keys they register later protect nothing (see remarks).
            await _lifetime.CancelAsync().ConfigureAwait(false);
            return await drains.ConfigureAwait(false);
        }
    }

    private async Task<bool> TryDeleteAsync(KeyId keyId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _cluster.DeleteKeyAsync(keyId, cancellationToken).ConfigureAwait(false)).Count == 0;
        }
        catch (Exception ex) when (ex is ClusterException or OperationCanceledException)
        {
            return false;
        }
    }
}
