using System.Globalization;
using System.Reflection;
using Npgsql;

namespace Hydra.Keystore.Storage.Postgres;

/// <summary>
/// The schema's versioned migrations (embedded <c>Migrations/NNNN_name.sql</c>), applied in order, each in a
/// transaction with its row in <c>schema_version</c>, under an advisory lock so two processes never migrate at once;
/// and the claim that binds a database to one node id.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key every migration holds ("HydraKS" in ASCII).</summary>
    public const long MigrationLock = 0x48796472614B53;

    private const string ResourcePrefix = "migrations/";

    /// <summary>The migrations this node knows, by version.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = Load();

    /// <summary>The newest schema version this node reads.</summary>
    public static int Latest => Migrations[^1].Version;

    /// <summary>
    /// Brings the schema to <see cref="Latest"/> (when <paramref name="apply"/>) and returns the version found and the
    /// versions applied. A schema newer than this node, or one behind when not applying, is refused with what to do.
    /// </summary>
    public static (int Found, List<(int Version, string Name)> Applied) Migrate(NpgsqlConnection connection, bool apply, string description)
    {
        Execute(connection, $"SELECT pg_advisory_lock({MigrationLock})");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())");
            int found;
            using (var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection))
            {
                found = (int)command.ExecuteScalar()!;
            }

            if (found > Latest)
            {
                throw new KeystoreDatabaseException(
                    $"The keystore node's database, {description}, has schema version {found}, newer than this node's {Latest}: run the node version that migrated it.");
            }

            var pending = Migrations.Where(m => m.Version > found).ToList();
            if (pending.Count > 0 && !apply)
            {
                throw new KeystoreDatabaseException(string.Create(CultureInfo.InvariantCulture,
                    $"The keystore node's database, {description}, has schema version {found}; this node needs {Latest}. Apply the migrations with 'dotnet Hydra.Keystore.dll database migrate' (the node's settings) or set Keystore:Database:MigrateAtStart=true."));
            }

            var applied = new List<(int, string)>();
            foreach (var (version, name, sql) in pending)
            {
                using var transaction = connection.BeginTransaction();
                using (var command = new NpgsqlCommand(sql, connection, transaction))
                {
                    command.ExecuteNonQuery();
                }

                using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.AddWithValue(version);
                    record.Parameters.AddWithValue(name);
                    record.ExecuteNonQuery();
                }

                transaction.Commit();
                applied.Add((version, name));
            }

            return (found, applied);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                Execute(connection, $"SELECT pg_advisory_unlock({MigrationLock})");
            }
        }
    }

    /// <summary>
    /// Binds the database to <paramref name="nodeId"/> at its first start; refuses it to any other node, so two nodes
    /// never share one database (their shares would be one node's and their trails would interleave).
    /// </summary>
    public static void Claim(NpgsqlConnection connection, string nodeId, string description)
    {
        using (var claim = new NpgsqlCommand("INSERT INTO node (node_id) VALUES ($1) ON CONFLICT (singleton) DO NOTHING", connection))
        {
            claim.Parameters.AddWithValue(nodeId);
            claim.ExecuteNonQuery();
        }

        using var command = new NpgsqlCommand("SELECT node_id FROM node", connection);
        var owner = (string)command.ExecuteScalar()!;
        if (!string.Equals(owner, nodeId, StringComparison.Ordinal))
        {
            throw new KeystoreDatabaseException(
                $"The keystore node's database, {description}, belongs to node '{owner}', not '{nodeId}': each node needs a database of its own.");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var migrations = new List<(int Version, string Name, string Sql)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource[ResourcePrefix.Length..]);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add((int.Parse(name[..4], CultureInfo.InvariantCulture), name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (migrations.Count == 0 || migrations.Select((m, i) => m.Version != i + 1).Any(gap => gap))
        {
            throw new InvalidOperationException("The keystore's schema migrations must be numbered 0001, 0002, ... without gaps.");
        }

        return [.. migrations];
    }
}
