using System.Globalization;
using System.Reflection;
using Npgsql;

namespace Hydra.Bridge.Storage.Postgres;

/// <summary>
/// The catalog database's schema, versioned in this assembly (<c>Migrations/NNNN_name.sql</c>, embedded): each
/// migration runs once, in order, in its own transaction, recorded in <c>schema_version</c>. Bridges starting at once
/// take turns under one advisory lock, so each migration is applied exactly once; a database whose schema is newer
/// than this code is refused.
/// </summary>
internal static class SchemaMigrations
{
    // Any fixed 64-bit number other applications of the database are unlikely to lock: "HydraBrg" in ASCII.
    private const long LockKey = 0x4879647261427267;
    private const string ResourcePrefix = "Hydra.Bridge.Storage.Postgres.Migrations.";

    /// <summary>The migrations this code knows, by version.</summary>
    public static IReadOnlyList<Migration> Known { get; } = Load();

    /// <summary>The schema version this code writes.</summary>
    public static int Latest => Known[^1].Version;

    /// <summary>Applies the migrations the database lacks; returns how many were applied.</summary>
    /// <exception cref="InvalidOperationException">The database's schema is newer than this code.</exception>
    public static async Task<int> ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // A session lock, released by the unlock below or when the connection ends, whatever happens in between.
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey.ToString(CultureInfo.InvariantCulture)})", cancellationToken);
        try
        {
            await ExecuteAsync(
                connection, null,
                "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())",
                cancellationToken);
            var current = await CurrentAsync(connection, cancellationToken);
            if (current > Latest)
            {
                throw new InvalidOperationException(
                    $"The catalog database's schema is version {current}, newer than this bridge's {Latest}: run a bridge of that version or later.");
            }

            var applied = 0;
            foreach (var migration in Known.Where(m => m.Version > current))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                applied++;
            }

            return applied;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey.ToString(CultureInfo.InvariantCulture)})", CancellationToken.None);
        }
    }

    /// <summary>The database's schema version (0 when none was applied).</summary>
    public static async Task<int> CurrentAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(max(version), 0) FROM schema_version", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(SchemaMigrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();
        // Numbered 1, 2, 3... with no gap or repeat, so a missing or doubled file fails every start, not one database.
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Catalog migration {migrations[i].Name} is out of sequence: expected version {i + 1}.");
            }
        }

        return migrations;
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..^".sql".Length];
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(int.Parse(name[..4], CultureInfo.InvariantCulture), name, reader.ReadToEnd());
    }
}

/// <summary>One schema migration: its version (the file's number), its name (the file's) and its SQL.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
