using System.Globalization;
using System.Reflection;
using Npgsql;

namespace Hydra.Storage.Postgres;

/// <summary>
/// A PostgreSQL schema versioned in an assembly (embedded <c>NNNN_name.sql</c> resources under one prefix): each
/// migration runs once, in order, in its own transaction with its row in <c>schema_version</c>, under an advisory lock
/// so processes starting at once take turns and apply each migration exactly once. One implementation for the keystore
/// node's and the bridge's databases; synchronous, because the node opens its database inside a service factory and
/// both run it once at start.
/// </summary>
public sealed class SchemaMigrator
{
    private readonly long _lockKey;

    /// <param name="assembly">Where the migrations are embedded.</param>
    /// <param name="resourcePrefix">Their resource names' common prefix; the rest is <c>NNNN_name.sql</c>.</param>
    /// <param name="lockKey">The advisory lock key: a fixed number other users of the database are unlikely to lock.</param>
    /// <exception cref="InvalidOperationException">The migrations are not numbered 1, 2, 3... without gap or repeat.</exception>
    public SchemaMigrator(Assembly assembly, string resourcePrefix, long lockKey)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _lockKey = lockKey;
        Known = Load(assembly, resourcePrefix);
    }

    /// <summary>The migrations this code knows, by version (1, 2, 3...).</summary>
    public IReadOnlyList<SchemaMigration> Known { get; }

    /// <summary>The schema version this code writes and reads.</summary>
    public int Latest => Known[^1].Version;

    /// <summary>
    /// Finds the database's schema version and, when <paramref name="apply"/>, applies the migrations it lacks.
    /// </summary>
    /// <exception cref="SchemaVersionException">
    /// The schema is newer than this code, or (when not applying) older: the caller names the database and what to do.
    /// </exception>
    public SchemaMigrationResult Migrate(NpgsqlConnection connection, bool apply)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // A session lock, released below or when the connection ends, whatever happens in between.
        Execute(connection, null, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_lock({_lockKey})"));
        try
        {
            Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())");
            int found;
            using (var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection))
            {
                found = (int)command.ExecuteScalar()!;
            }

            var pending = Known.Where(m => m.Version > found).ToList();
            if (found > Latest || (pending.Count > 0 && !apply))
            {
                throw new SchemaVersionException(found, Latest);
            }

            var applied = new List<SchemaMigration>();
            foreach (var migration in pending)
            {
                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, migration.Sql);
                using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                    record.ExecuteNonQuery();
                }

                transaction.Commit();
                applied.Add(migration);
            }

            return new SchemaMigrationResult(found, applied);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                Execute(connection, null, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_unlock({_lockKey})"));
            }
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private static List<SchemaMigration> Load(Assembly assembly, string resourcePrefix)
    {
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var name = resource[resourcePrefix.Length..^".sql".Length];
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add(new SchemaMigration(int.Parse(name[..4], CultureInfo.InvariantCulture), name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));

        // Numbered 1, 2, 3... so a missing or doubled file fails every start, not one database.
        if (migrations.Count == 0 || migrations.Where((m, i) => m.Version != i + 1).Any())
        {
            throw new InvalidOperationException(
                $"The schema migrations under '{resourcePrefix}' in {assembly.GetName().Name} must be numbered 0001, 0002, ... without gap or repeat.");
        }

        return migrations;
    }
}

/// <summary>One schema migration: its version (the file's number), its name (the file's, without <c>.sql</c>) and its SQL.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql);

/// <summary>The schema version a database had before <see cref="SchemaMigrator.Migrate"/>, and the migrations it applied.</summary>
public sealed record SchemaMigrationResult(int Found, IReadOnlyList<SchemaMigration> Applied);

/// <summary>A database whose schema version this code cannot use as it is: newer than it knows, or older when not migrating.</summary>
public sealed class SchemaVersionException : Exception
{
    public SchemaVersionException()
    {
    }

    public SchemaVersionException(string message)
        : base(message)
    {
    }

    public SchemaVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SchemaVersionException(int found, int latest)
        : base(string.Create(CultureInfo.InvariantCulture, $"The database's schema is version {found}; this code's is {latest}."))
    {
        Found = found;
        Latest = latest;
    }

    /// <summary>The database's schema version.</summary>
    public int Found { get; }

    /// <summary>This code's schema version.</summary>
    public int Latest { get; }

    /// <summary>Whether the database is ahead of this code (rather than behind it).</summary>
    public bool IsNewer => Found > Latest;
}
