namespace Hydra.Bridge.Ingest;

/// <summary>
/// The registered keys waiting for images of one ACL. One refill runs at a time: it registers what the pool lacks in
/// one go (one batch call per node), when a take leaves the pool half empty or finds it empty. A pool may start small
/// and double its size with each refill up to the full size, so that an ACL used once (one patient's single image)
/// leaves at most a couple of keys unused, while a study's burst soon gets full batches.
/// </summary>
internal sealed class AclKeyPool
{
    private readonly Lock _gate = new();
    private readonly Queue<PooledKey> _ready = new();
    private readonly int _size;
    private int _target;
    private readonly Func<int, Task<IReadOnlyList<PooledKey>>> _register;
    private readonly Action<Exception, int> _refillFailed;
    private Task _refill = Task.CompletedTask;
    private bool _closed;

    /// <param name="size">Keys the pool holds when full.</param>
    /// <param name="register">Registers that many fresh keys; returns those registered, or throws when none was.</param>
    /// <param name="refillFailed">Told why a refill registered nothing, and how many registered keys are still ready.</param>
    /// <param name="initialSize">Keys the first refill registers (default: <paramref name="size"/>); each refill doubles it.</param>
    public AclKeyPool(int size, Func<int, Task<IReadOnlyList<PooledKey>>> register, Action<Exception, int> refillFailed, int? initialSize = null)
    {
        _size = size;
        _target = Math.Clamp(initialSize ?? size, 1, size);
        _register = register;
        _refillFailed = refillFailed;
    }

    /// <summary>A registered key; waits for a refill when none is ready, and fails when the refill registered nothing.</summary>
    public async Task<PooledKey> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task refill;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_closed, this);
                if (_ready.TryDequeue(out var key))
                {
                    if (_ready.Count <= _target / 2)
                    {
                        _ = EnsureRefillLockedAsync();
                    }

                    return key;
                }

                refill = EnsureRefillLockedAsync();
            }

            // A refill shared with other takers may run out before this one's turn: then it starts the next.
            await refill.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until no refill is in flight (whether it succeeded or not: its takers heard why it failed).</summary>
    public async Task SettleAsync()
    {
        Task refill;
        lock (_gate)
        {
            refill = _refill;
        }

        try
        {
            await refill.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Settled either way; a failed refill left no keys behind.
        }
    }

    /// <summary>Closes the pool, waits for a refill in flight, then hands over every key still waiting.</summary>
    public async Task<IReadOnlyList<PooledKey>> DrainAsync()
    {
        lock (_gate)
        {
            _closed = true;
        }

        await SettleAsync().ConfigureAwait(false);
        lock (_gate)
        {
            var keys = _ready.ToList();
            _ready.Clear();
            return keys;
        }
    }

    private Task EnsureRefillLockedAsync()
    {
        if (_refill.IsCompleted)
        {
            var count = _target - _ready.Count;
            _target = Math.Min(_size, _target * 2);
            _refill = Task.Run(() => RefillAsync(count));
        }

        return _refill;
    }

    private async Task RefillAsync(int count)
    {
        IReadOnlyList<PooledKey> keys;
        try
        {
            keys = await _register(count).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            int left;
            lock (_gate)
            {
                left = _ready.Count;
            }

            // The keys still ready are durable on the write quorum, so images go on taking them; then they are refused.
            _refillFailed(ex, left);
            throw;
        }

        lock (_gate)
        {
            foreach (var key in keys)
            {
                _ready.Enqueue(key);
            }
        }
    }
}
