using System.Diagnostics;
using Hydra.Testing.Postgres;
using Npgsql;

namespace Hydra.Testing.Engines.Tests;

/// <summary>The PostgreSQL harness itself: a real server that keeps committed rows across a restart and a SIGKILL.</summary>
public sealed class PostgresServerTests : IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _fixture;

    public PostgresServerTests(PostgresFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task FreshServer_FirstInsertWithinSeconds_ListensOnLoopbackOnly()
    {
        // Arrange
        var watch = Stopwatch.StartNew();
        await using var server = await PostgresServer.StartAsync().DefaultTimeout();
        var connectionString = await server.CreateDatabaseAsync("first").DefaultTimeout();

        // Act
        await PostgresSql.ExecuteAsync(connectionString, "CREATE TABLE t (v int); INSERT INTO t VALUES (1)");
        watch.Stop();

        // Assert
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"nothing to first insert took {watch.Elapsed}");
        Assert.Equal("127.0.0.1", await PostgresSql.ScalarAsync<string>(server.AdminConnectionString, "SHOW listen_addresses"));
        Assert.Equal("on", await PostgresSql.ScalarAsync<string>(server.AdminConnectionString, "SHOW fsync"));
    }

    [Fact]
    public async Task Restart_CommittedRowsKept_NewConnectionsWork()
    {
        // Arrange
        var connectionString = await _fixture.CreateDatabaseAsync().DefaultTimeout();
        await PostgresSql.ExecuteAsync(connectionString, "CREATE TABLE t (v int); INSERT INTO t VALUES (1), (2)");

        // Act
        await _fixture.Server.RestartAsync().DefaultTimeout();
        PostgresServer.ForgetTestConnections();

        // Assert
        Assert.Equal(2L, await PostgresSql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task Kill_OpenConnectionBreaks_StartAgainReplaysCommittedRows()
    {
        // Arrange
        var connectionString = await _fixture.CreateDatabaseAsync().DefaultTimeout();
        await PostgresSql.ExecuteAsync(connectionString, "CREATE TABLE t (v int); INSERT INTO t VALUES (7)");
        await using var open = new NpgsqlConnection(connectionString);
        await open.OpenAsync().DefaultTimeout();

        // Act
        await _fixture.Server.KillAsync().DefaultTimeout();
        var broken = await Record.ExceptionAsync(() => new NpgsqlCommand("SELECT 1", open).ExecuteScalarAsync()).DefaultTimeout();
        await _fixture.Server.StartAgainAsync().DefaultTimeout();
        PostgresServer.ForgetTestConnections();

        // Assert
        Assert.IsAssignableFrom<NpgsqlException>(broken);
        Assert.Equal(7, await PostgresSql.ScalarAsync<int>(connectionString, "SELECT v FROM t"));
    }

    [Fact]
    public async Task CreateDatabase_NameTaken_FailsNamingIt()
    {
        // Arrange
        await _fixture.Server.CreateDatabaseAsync("taken").DefaultTimeout();

        // Act
        var error = await Assert.ThrowsAsync<PostgresException>(() => _fixture.Server.CreateDatabaseAsync("taken")).DefaultTimeout();

        // Assert
        Assert.Contains("taken", error.MessageText, StringComparison.Ordinal);
    }
}
