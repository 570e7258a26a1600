using Hydra.Bridge.Ingest;
using Hydra.Cluster;

namespace Hydra.Bridge.Tests;

/// <summary>The per-ACL pool of keys registered ahead of need, against a fake registration.</summary>
public sealed class KeyPoolTests
{
    private readonly List<int> _registrations = [];
    private readonly List<(string Reason, int Left)> _refillFailures = [];
    private Exception? _failNext;
    private bool _failAlways;

    private Task<IReadOnlyList<PooledKey>> RegisterAsync(int count)
    {
        lock (_registrations)
        {
            _registrations.Add(count);
            if (_failNext is { } failure)
            {
                _failNext = null;
                throw failure;
            }

            if (_failAlways)
            {
                throw new ClusterException("no write quorum");
            }
        }

        IReadOnlyList<PooledKey> keys = [.. Enumerable.Range(0, count).Select(_ => new PooledKey(KeyPool.NewKeyId(), new byte[32]))];
        return Task.FromResult(keys);
    }

    private AclKeyPool NewPool(int size) => new(size, RegisterAsync, (ex, left) =>
    {
        lock (_refillFailures)
        {
            _refillFailures.Add((ex.Message, left));
        }
    });

    [Fact]
    public async Task TakeAsync_EmptyPool_RegistersAFullPoolInOneCall_ThenRefillsWhatIsTakenOnceHalfIsGone()
    {
        var pool = NewPool(4);

        var first = await pool.TakeAsync(CancellationToken.None);
        var second = await pool.TakeAsync(CancellationToken.None);
        var left = await pool.DrainAsync();

        Assert.Equal([4, 2], _registrations);
        Assert.Equal(4, left.Count);
        Assert.Equal(6, left.Select(k => k.Id).Append(first.Id).Append(second.Id).Distinct().Count());
    }

    [Fact]
    public async Task TakeAsync_PoolStartingAtOneKey_LeavesTwoUnusedAfterOneImage_AndDoublesToFullBatchesForABurst()
    {
        // A patient's pool: one image alone registers 1 key, then a refill of 2 (what is left to delete).
        var single = new AclKeyPool(64, RegisterAsync, (_, _) => { }, initialSize: 1);
        using (await single.TakeAsync(CancellationToken.None))
        {
        }

        var unused = await single.DrainAsync();
        Assert.Equal([1, 2], _registrations);
        Assert.Equal(2, unused.Count);

        // A study's burst: the pool's size doubles with each refill (1, 2, 4, ... 64), each refill registering what
        // the pool lacks, until refills are the usual half pools.
        _registrations.Clear();
        var burst = new AclKeyPool(64, RegisterAsync, (_, _) => { }, initialSize: 1);
        for (var i = 0; i < 200; i++)
        {
            using var key = await burst.TakeAsync(CancellationToken.None);
            await burst.SettleAsync();
        }

        await burst.DrainAsync();
        Assert.Equal([1, 2, 3, 5, 9, 17, 33], _registrations.Take(7));
        Assert.All(_registrations.Skip(7), count => Assert.Equal(32, count));
    }

    [Fact]
    public async Task TakeAsync_RegistrationFails_TakerHearsWhy_AndTheNextTakeTriesAgain()
    {
        var pool = NewPool(2);
        _failNext = new ClusterException("no write quorum");

        var refusal = await Assert.ThrowsAsync<ClusterException>(() => pool.TakeAsync(CancellationToken.None));
        var key = await pool.TakeAsync(CancellationToken.None);
        await pool.DrainAsync();

        Assert.Equal("no write quorum", refusal.Message);
        Assert.StartsWith("ingest:", key.Id.Value, StringComparison.Ordinal);
        Assert.Equal([2, 2, 1], _registrations);
        Assert.Equal([("no write quorum", 0)], _refillFailures);
    }

    [Fact]
    public async Task TakeAsync_QuorumLostWithKeysReady_TheReadyKeysAreTaken_ThenTakersHearWhy()
    {
        // Arrange: a full pool of 4, then the cluster loses its write quorum.
        var pool = NewPool(4);
        var taken = new List<PooledKey> { await pool.TakeAsync(CancellationToken.None) };
        await pool.SettleAsync();
        _failAlways = true;

        // Act: taking one leaves the pool half empty, so it tries to refill and fails; two durable keys are still ready.
        taken.Add(await pool.TakeAsync(CancellationToken.None));
        await pool.SettleAsync();
        var firstFailure = Assert.Single(_refillFailures);

        // The ready keys are taken; then takers hear why.
        taken.Add(await pool.TakeAsync(CancellationToken.None));
        taken.Add(await pool.TakeAsync(CancellationToken.None));
        var refusal = await Assert.ThrowsAsync<ClusterException>(() => pool.TakeAsync(CancellationToken.None));
        await pool.SettleAsync();

        // Assert
        Assert.Equal(("no write quorum", 2), firstFailure);
        Assert.Equal(4, taken.Select(k => k.Id).Distinct().Count());
        Assert.Equal("no write quorum", refusal.Message);
        Assert.All(_refillFailures, f => Assert.Equal("no write quorum", f.Reason));
    }

    [Fact]
    public async Task DrainAsync_HandsOverWaitingKeys_AndLaterTakesAreRefused()
    {
        var pool = NewPool(3);
        using var taken = await pool.TakeAsync(CancellationToken.None);

        var left = await pool.DrainAsync();

        Assert.Equal(2, left.Count);
        Assert.DoesNotContain(taken.Id, left.Select(k => k.Id));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public void PooledKey_Dispose_WipesTheKey()
    {
        var key = new PooledKey(KeyPool.NewKeyId(), [1, 2, 3]);

        key.Dispose();

        Assert.All(key.Key, b => Assert.Equal(0, b));
    }
}
