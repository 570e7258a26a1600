using Hydra.Testing.Ceph;

namespace Hydra.Testing.Engines.Tests.Ceph;

/// <summary>One cluster for the harness's own tests.</summary>
public sealed class CephFixture : IAsyncLifetime
{
    private CephObjectStore? _store;

    public CephObjectStore Store => _store ?? throw new InvalidOperationException("The cluster did not start.");

    public async Task InitializeAsync() => _store = await CephObjectStore.StartAsync().DefaultTimeout();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
