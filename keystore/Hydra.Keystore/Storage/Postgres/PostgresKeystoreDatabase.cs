using Hydra.Keystore.Options;
using Hydra.Storage;
using Npgsql;

namespace Hydra.Keystore.Storage.Postgres;

/// <summary>
/// A node's store in a PostgreSQL database of its own (schema: Migrations/, FORMAT.md section 5): the writer's one
/// connection and a pooled <see cref="NpgsqlDataSource"/> for reads outside it.
/// </summary>
internal sealed class PostgresKeystoreDatabase : IKeystoreDatabase
{
    private readonly NpgsqlDataSource _source;
    private readonly PostgresWriterSession _writer;

    private PostgresKeystoreDatabase(NpgsqlDataSource source, string description, int schemaVersion)
    {
        _source = source;
        Description = description;
        SchemaVersion = schemaVersion;
        _writer = new PostgresWriterSession(source, description);
        Committed = new PostgresReader(source, description);
    }

    public IBatchDatabase Batches => _writer;

    public IKeystoreBatch Batch => _writer;

    public IKeystoreReader Committed { get; }

    public string Description { get; }

    public int SchemaVersion { get; }

    /// <summary>
    /// Connects, applies the migrations the database lacks (unless <see cref="KeystoreDatabaseOptions.MigrateAtStart"/>
    /// is off) and claims it for <paramref name="nodeId"/>. Unreachable, another node's, or a newer schema: refused
    /// with a <see cref="KeystoreDatabaseException"/> naming host, port and database.
    /// </summary>
    public static PostgresKeystoreDatabase Open(KeystoreDatabaseOptions options, string nodeId, ILogger logger)
    {
        var source = CreateSource(options, $"hydra-keystore {nodeId}", out var description);
        try
        {
            using (var connection = Connect(source, description))
            {
                var (found, applied) = PostgresSchema.Migrate(connection, options.MigrateAtStart, description);
                foreach (var (version, name) in applied)
                {
                    KeystoreLog.SchemaMigrated(logger, version, name, description);
                }

                PostgresSchema.Claim(connection, nodeId, description);
                KeystoreLog.DatabaseInUse(logger, description, applied.Count > 0 ? applied[^1].Version : found);
            }

            return new PostgresKeystoreDatabase(source, description, PostgresSchema.Latest);
        }
        catch (Exception ex) when (PostgresErrors.IsUnreachable(ex))
        {
            source.Dispose();
            throw PostgresErrors.Unreachable(description, ex);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>The data source the options describe, tuned for the node; <paramref name="description"/> has no password.</summary>
    public static NpgsqlDataSource CreateSource(KeystoreDatabaseOptions options, string applicationName, out string description)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ReadConnectionString());
        }
        catch (ArgumentException ex)
        {
            throw new KeystoreDatabaseException($"{KeystoreDatabaseOptions.SectionPath}:ConnectionString is not a valid connection string: {ex.Message}", ex);
        }

        description = $"PostgreSQL database '{builder.Database}' at {builder.Host}:{builder.Port}";
        // The writer holds one connection for good; the reads share the rest.
        builder.MaxPoolSize = options.MaxPoolSize + 1;
        builder.Timeout = options.CommandTimeoutSeconds;
        builder.CommandTimeout = options.CommandTimeoutSeconds;
        builder.MaxAutoPrepare = 32;
        builder.ApplicationName ??= applicationName;
        return NpgsqlDataSource.Create(builder);
    }

    private static NpgsqlConnection Connect(NpgsqlDataSource source, string description)
    {
        try
        {
            return source.OpenConnection();
        }
        catch (Exception ex) when (PostgresErrors.IsUnreachable(ex))
        {
            throw new KeystoreDatabaseException(
                $"The keystore node's database, {description}, is unreachable: {PostgresErrors.Reason(ex)}. Check {KeystoreDatabaseOptions.SectionPath} and that PostgreSQL runs there.",
                unreachable: true,
                ex);
        }
    }

    /// <summary>Connects and applies pending migrations only (the <c>database migrate</c> command); returns the version found and the versions applied.</summary>
    public static (int Found, List<(int Version, string Name)> Applied, string Description) MigrateOnly(KeystoreDatabaseOptions options)
    {
        using var source = CreateSource(options, "hydra-keystore migrate", out var description);
        using var connection = Connect(source, description);
        var (found, applied) = PostgresSchema.Migrate(connection, apply: true, description);
        return (found, applied, description);
    }

    public StoredSeal? ReadSeal()
    {
        using var connection = Connect(_source, Description);
        using var command = new NpgsqlCommand($"SELECT {PostgresMapping.SealColumns} FROM seal WHERE seal_id = $1", connection);
        command.Parameters.AddWithValue(StoredSeal.DocumentId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? PostgresMapping.ReadSeal(reader) : null;
    }

    public void WriteSeal(StoredSeal seal)
    {
        using var connection = Connect(_source, Description);
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO seal (seal_id, {PostgresMapping.SealColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (seal_id) DO UPDATE SET version = EXCLUDED.version, kind = EXCLUDED.kind, mechanism = EXCLUDED.mechanism,
                wrapped = EXCLUDED.wrapped, check_value = EXCLUDED.check_value, description = EXCLUDED.description,
                state = EXCLUDED.state, created_ticks = EXCLUDED.created_ticks
            """,
            connection);
        PostgresMapping.AddSeal(command.Parameters, seal);
        command.ExecuteNonQuery();
    }

    /// <summary>None: a PostgreSQL database is created with its data key, so every envelope in it is sealed.</summary>
    public long CountUnsealed() => 0;

    public void Dispose()
    {
        _writer.Dispose();
        _source.Dispose();
    }
}
