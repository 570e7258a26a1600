using System.Globalization;
using Hydra.Storage.Postgres;
using Npgsql;

namespace Hydra.Keystore.Storage.Postgres;

/// <summary>
/// The node's schema, versioned in embedded <c>Migrations/NNNN_name.sql</c> and applied by
/// <see cref="SchemaMigrator"/>, and the claim that binds a database to one node id.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key every migration holds ("HydraKS" in ASCII).</summary>
    public const long MigrationLock = 0x48796472614B53;

    private static readonly SchemaMigrator Migrator = new(typeof(PostgresSchema).Assembly, "migrations/", MigrationLock);

    /// <summary>The migrations this node knows, by version.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations => Migrator.Known;

    /// <summary>The newest schema version this node reads.</summary>
    public static int Latest => Migrator.Latest;

    /// <summary>
    /// Brings the schema to <see cref="Latest"/> (when <paramref name="apply"/>) and returns the version found and the
    /// versions applied. A schema newer than this node, or one behind when not applying, is refused with what to do.
    /// </summary>
    public static (int Found, List<(int Version, string Name)> Applied) Migrate(NpgsqlConnection connection, bool apply, string description)
    {
        try
        {
            var result = Migrator.Migrate(connection, apply);
            return (result.Found, [.. result.Applied.Select(m => (m.Version, m.Name))]);
        }
        catch (SchemaVersionException ex) when (ex.IsNewer)
        {
            throw new KeystoreDatabaseException(
                $"The keystore node's database, {description}, has schema version {ex.Found}, newer than this node's {Latest}: run the node version that migrated it.");
        }
        catch (SchemaVersionException ex)
        {
            throw new KeystoreDatabaseException(string.Create(CultureInfo.InvariantCulture,
                $"The keystore node's database, {description}, has schema version {ex.Found}; this node needs {Latest}. Apply the migrations with 'dotnet Hydra.Keystore.dll database migrate' (the node's settings) or set Keystore:Database:MigrateAtStart=true."));
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
}
