using Xunit;

namespace Hydra.Testing.Postgres;

/// <summary>One PostgreSQL server per test class or collection; each test takes a fresh database from it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int _databases;
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    /// <summary>A new, empty database for one test; its connection string.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync($"test{Interlocked.Increment(ref _databases)}");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync().DefaultTimeout();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
