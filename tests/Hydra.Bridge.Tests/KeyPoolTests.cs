using Hydra.Bridge.Ingest;
using Hydra.Cluster;

namespace Hydra.Bridge.Tests;

/// <summary>The per-ACL pool of keys registered ahead of need, against a fake registration.</summary>
public sealed class KeyPoolTests
{
    private readonly List<int> _registrations = [];
    private Exception? _failNext;

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
        }

        IReadOnlyList<PooledKey> keys = [.. Enumerable.Range(0, count).Select(_ => new PooledKey(KeyPool.NewKeyId(), new byte[32]))];
        return Task.FromResult(keys);
    }

    [Fact]
    public async Task TakeAsync_EmptyPool_RegistersAFullPoolInOneCall_ThenRefillsWhatIsTakenOnceHalfIsGone()
    {
        var pool = new AclKeyPool(4, RegisterAsync);

        var first = await pool.TakeAsync(CancellationToken.None);
        var second = await pool.TakeAsync(CancellationToken.None);
        var left = await pool.DrainAsync();

        Assert.Equal([4, 2], _registrations);
        Assert.Equal(4, left.Count);
        Assert.Equal(6, left.Select(k => k.Id).Append(first.Id).Append(second.Id).Distinct().Count());
    }

    [Fact]
    public async Task TakeAsync_RegistrationFails_TakerHearsWhy_AndTheNextTakeTriesAgain()
    {
        var pool = new AclKeyPool(2, RegisterAsync);
        _failNext = new ClusterException("no write quorum");

        var refusal = await Assert.ThrowsAsync<ClusterException>(() => pool.TakeAsync(CancellationToken.None));
        var key = await pool.TakeAsync(CancellationToken.None);
        await pool.DrainAsync();

        Assert.Equal("no write quorum", refusal.Message);
        Assert.StartsWith("ingest:", key.Id.Value, StringComparison.Ordinal);
        Assert.Equal([2, 2, 1], _registrations);
    }

    [Fact]
    public async Task DrainAsync_HandsOverWaitingKeys_AndLaterTakesAreRefused()
    {
        var pool = new AclKeyPool(3, RegisterAsync);
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
