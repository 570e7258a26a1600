using Hydra.Bridge.Storage.Postgres;
using Hydra.Testing;
using Hydra.Testing.Postgres;
using Npgsql;

namespace Hydra.Bridge.Tests.Storage;

/// <summary>The catalog database's versioned schema: applied once, in order, by whichever bridge starts first.</summary>
public sealed class SchemaMigrationTests : IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _fixture;

    public SchemaMigrationTests(PostgresFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task FreshDatabase_EveryMigrationApplied_ThenNothingTheSecondTime()
    {
        // Arrange
        var connectionString = await _fixture.CreateDatabaseAsync().DefaultTimeout();
        using var store = await PostgresStores.OpenAsync(connectionString, migrate: false);

        // Act
        var first = await store.MigrateAsync(CancellationToken.None).DefaultTimeout();
        var second = await store.MigrateAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(SchemaMigrations.Known.Count, first);
        Assert.Equal(0, second);
        Assert.Equal(SchemaMigrations.Latest, await PostgresSql.ScalarAsync<int>(connectionString, "SELECT max(version) FROM schema_version"));
        Assert.Equal(
            ["catalog", "handoff", "node_certificate", "quarantine", "review", "schema_version"],
            await ListAsync(connectionString, "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"));
        Assert.Equal(
            ["catalog_patient", "catalog_pkey", "catalog_study"],
            await ListAsync(connectionString, "SELECT indexname::text FROM pg_indexes WHERE tablename = 'catalog' ORDER BY 1"));
    }

    [Fact]
    public async Task TwoBridgesStartingAtOnce_EachMigrationAppliedExactlyOnce()
    {
        // Arrange
        var connectionString = await _fixture.CreateDatabaseAsync().DefaultTimeout();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresStores.OpenAsync(connectionString, migrate: false))).DefaultTimeout();

        // Act
        var applied = await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(CancellationToken.None)))).DefaultTimeout();

        // Assert
        Assert.Equal(SchemaMigrations.Known.Count, applied.Sum());
        Assert.Equal(SchemaMigrations.Known.Count, await PostgresSql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_version"));
        foreach (var store in stores)
        {
            store.Dispose();
        }
    }

    [Fact]
    public async Task SchemaNewerThanTheCode_Refused_NamingBothVersions_DataUntouched()
    {
        // Arrange
        var connectionString = await _fixture.CreateDatabaseAsync().DefaultTimeout();
        using var store = await PostgresStores.OpenAsync(connectionString);
        await store.AddCatalogEntryAsync(BridgeStoreContract.Entry("2.25.1"), CancellationToken.None).DefaultTimeout();
        await PostgresSql.ScalarAsync<int>(connectionString, "INSERT INTO schema_version (version, name) VALUES (99, '0099_future') RETURNING version");

        // Act
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MigrateAsync(CancellationToken.None)).DefaultTimeout();

        // Assert
        Assert.Contains("version 99", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"this bridge's {SchemaMigrations.Latest}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await store.CatalogCountAsync(CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public void Migrations_NumberedWithoutGaps_EachHasSql()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrations.Known.Count), SchemaMigrations.Known.Select(m => m.Version));
        Assert.All(SchemaMigrations.Known, m => Assert.Contains("CREATE", m.Sql, StringComparison.Ordinal));
        Assert.Equal("0001_catalog", SchemaMigrations.Known[0].Name);
    }

    private static async Task<List<string>> ListAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().DefaultTimeout();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync().DefaultTimeout();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
