using Hydra.Bridge.Storage;
using Hydra.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Bridge.Tests.Storage;

/// <summary>The store contract on the embedded back end (one file, one bridge: the second handle is the same store).</summary>
public sealed class LiteDbBridgeStoreTests : BridgeStoreContract
{
    private readonly TempDirectory _folder = new("hydra-store");
    private BridgeDatabase? _database;

    private protected override Task<IBridgeStore> OpenStoreAsync()
    {
        _database = new BridgeDatabase(_folder.Combine("bridge.db"));
        return Task.FromResult<IBridgeStore>(new LiteDbBridgeStore(_database, NullLogger.Instance));
    }

    // A LiteDB file has one owner: concurrent callers share its one writer, so the other handle is the same store.
    private protected override Task<IBridgeStore> OpenSecondHandleAsync() => Task.FromResult(Store);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database?.Dispose();
        _folder.Dispose();
    }
}
