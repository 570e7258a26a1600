using Hydra.Bridge.Options;
using Hydra.Testing;

namespace Hydra.Bridge.Tests.Storage;

/// <summary><c>Bridge:Database</c>: every mistake named by its key, never quoting a connection string.</summary>
public sealed class DatabaseOptionsTests
{
    [Fact]
    public void Defaults_AreTheEmbeddedBackEnd_AndValid()
    {
        // Arrange
        var options = new BridgeDatabaseOptions();
        var failures = new List<string>();

        // Act
        options.Validate(failures);

        // Assert
        Assert.Equal((BridgeDatabaseOptions.LiteDb, 50, 30), (options.Backend, options.MaxPoolSize, options.CommandTimeoutSeconds));
        Assert.Empty(failures);
    }

    [Fact]
    public void Validate_EachMistake_NamedByItsKey()
    {
        // Arrange
        var failures = new List<string>();

        // Act
        new BridgeDatabaseOptions { Backend = "Postgres" }.Validate(failures);
        new BridgeDatabaseOptions { Backend = BridgeDatabaseOptions.PostgreSql, MaxPoolSize = 0, CommandTimeoutSeconds = 0 }.Validate(failures);
        new BridgeDatabaseOptions { Backend = BridgeDatabaseOptions.PostgreSql, ConnectionString = "Host=db;Password=hunter2" }.Validate(failures);
        new BridgeDatabaseOptions { Backend = BridgeDatabaseOptions.PostgreSql, ConnectionString = "Hots=db;Password=hunter2" }.Validate(failures);
        new BridgeDatabaseOptions { Backend = BridgeDatabaseOptions.PostgreSql, ConnectionStringFile = "/nonexistent/pg" }.Validate(failures);

        // Assert
        Assert.Equal(
            new[]
            {
                "Bridge:Database:Backend 'Postgres' is not one of LiteDb, PostgreSql.",
                "Bridge:Database:MaxPoolSize must be 1-1000.",
                "Bridge:Database:CommandTimeoutSeconds must be 1-3600.",
                "Bridge:Database:ConnectionString is required when Bridge:Database:Backend is PostgreSql.",
                "Bridge:Database:ConnectionString must name a Host and a Database.",
            },
            failures.Take(5).ToArray());
        Assert.StartsWith("Bridge:Database:ConnectionString is not an Npgsql connection string", failures[5], StringComparison.Ordinal);
        Assert.Equal("Bridge:Database:ConnectionStringFile: file '/nonexistent/pg' does not exist.", failures[6]);
        Assert.Equal(7, failures.Count);
        Assert.DoesNotContain(failures, f => f.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void ConnectionStringFile_WinsOverTheSetting()
    {
        // Arrange
        using var folder = new TempDirectory("hydra-dbopts");
        var file = folder.Combine("pg");
        File.WriteAllText(file, "Host=127.0.0.1;Database=bridge;Password=s3cret\n");
        var failures = new List<string>();

        // Act
        new BridgeDatabaseOptions { Backend = BridgeDatabaseOptions.PostgreSql, ConnectionString = "bad", ConnectionStringFile = file }.Validate(failures);

        // Assert
        Assert.Empty(failures);
    }
}
