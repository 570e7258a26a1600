using Hydra.Storage.Postgres;
using Npgsql;

namespace Hydra.Bridge.Storage.Postgres;

/// <summary>
/// The catalog database's schema, versioned in this assembly (<c>Migrations/NNNN_name.sql</c>, embedded) and applied
/// by <see cref="SchemaMigrator"/>: each migration once, in order; bridges starting at once take turns under one
/// advisory lock; a database whose schema is newer than this code is refused.
/// </summary>
internal static class SchemaMigrations
{
    // Any fixed 64-bit number other applications of the database are unlikely to lock: "HydraBrg" in ASCII.
    private const long LockKey = 0x4879647261427267;

    private static readonly SchemaMigrator Migrator = new(typeof(SchemaMigrations).Assembly, "Hydra.Bridge.Storage.Postgres.Migrations.", LockKey);

    /// <summary>The migrations this code knows, by version.</summary>
    public static IReadOnlyList<SchemaMigration> Known => Migrator.Known;

    /// <summary>The schema version this code writes.</summary>
    public static int Latest => Migrator.Latest;

    /// <summary>Applies the migrations the database lacks; returns how many were applied.</summary>
    /// <exception cref="InvalidOperationException">The database's schema is newer than this code.</exception>
    public static int Apply(NpgsqlConnection connection)
    {
        try
        {
            return Migrator.Migrate(connection, apply: true).Applied.Count;
        }
        catch (SchemaVersionException ex)
        {
            throw new InvalidOperationException(
                $"The catalog database's schema is version {ex.Found}, newer than this bridge's {Latest}: run a bridge of that version or later.", ex);
        }
    }
}
