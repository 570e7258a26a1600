using Hydra.Audit;
using Npgsql;

namespace Hydra.Keystore.Storage.Postgres;

/// <summary>
/// The statements both views of a PostgreSQL store run; the writer's view runs them in its open transaction, the
/// committed view on a pooled connection of its own (<see cref="Run{T}"/>).
/// </summary>
internal abstract class PostgresTables
{
    private const int PageSize = 500;

    protected PostgresTables(string description) => Description = description;

    /// <summary>The database, for messages: host, port and name, never a password.</summary>
    public string Description { get; }

    /// <summary>Runs one statement; a database out of reach is translated by the view.</summary>
    protected abstract T Run<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlCommand, T> execute);

    public KeyRecord? FindKey(string keyId) =>
        Run($"SELECT {PostgresMapping.KeyColumns} FROM keys WHERE key_id = $1", p => p.AddWithValue(keyId), command => One(command, PostgresMapping.ReadKey));

    public void PutKey(KeyRecord key) => Run(
        $"""
        INSERT INTO keys ({PostgresMapping.KeyColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (key_id) DO UPDATE SET sealed_envelope = EXCLUDED.sealed_envelope, owner = EXCLUDED.owner, acl = EXCLUDED.acl,
            acl_version = EXCLUDED.acl_version, created_ticks = EXCLUDED.created_ticks, created_by = EXCLUDED.created_by
        """,
        p => PostgresMapping.AddKey(p, key),
        command => command.ExecuteNonQuery());

    public bool DeleteKey(string keyId) =>
        Run("DELETE FROM keys WHERE key_id = $1", p => p.AddWithValue(keyId), command => command.ExecuteNonQuery() > 0);

    public SignedCheckpoint? FindCheckpoint(string id) => Run(
        $"SELECT {PostgresMapping.CheckpointColumns} FROM checkpoints WHERE checkpoint_id = $1",
        p => p.AddWithValue(id),
        command => One(command, PostgresMapping.ReadCheckpoint));

    public void PutCheckpoint(string id, SignedCheckpoint checkpoint) => Run(
        $"""
        INSERT INTO checkpoints (checkpoint_id, {PostgresMapping.CheckpointColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (checkpoint_id) DO UPDATE SET node_id = EXCLUDED.node_id, sequence = EXCLUDED.sequence, hash = EXCLUDED.hash,
            time_ticks = EXCLUDED.time_ticks, signature = EXCLUDED.signature, algorithm = EXCLUDED.algorithm, certificates = EXCLUDED.certificates
        """,
        p => PostgresMapping.AddCheckpoint(p, id, checkpoint),
        command => command.ExecuteNonQuery());

    public void AppendAudit(AuditEntry entry) => Run(
        $"INSERT INTO audit ({PostgresMapping.AuditColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        p => PostgresMapping.AddAudit(p, entry),
        command => command.ExecuteNonQuery());

    public AuditEntry? LastAuditEntry() => Run(
        $"SELECT {PostgresMapping.AuditColumns} FROM audit ORDER BY sequence DESC LIMIT 1", _ => { }, command => One(command, PostgresMapping.ReadAudit));

    public long KeyCount() => Run("SELECT count(*) FROM keys", _ => { }, command => (long)command.ExecuteScalar()!);

    public List<AuditEntry> ReadAudit(long from, long to) => Run(
        $"SELECT {PostgresMapping.AuditColumns} FROM audit WHERE sequence BETWEEN $1 AND $2 ORDER BY sequence",
        p =>
        {
            p.AddWithValue(from);
            p.AddWithValue(to);
        },
        command => All(command, PostgresMapping.ReadAudit));

    /// <summary>In pages, each a statement of its own, so no connection stays open while the caller streams.</summary>
    public IEnumerable<KeyRecord> KeysFrom(string lowerBound)
    {
        var page = Run(
            $"SELECT {PostgresMapping.KeyColumns} FROM keys WHERE key_id >= $1 ORDER BY key_id LIMIT {PageSize}",
            p => p.AddWithValue(lowerBound),
            command => All(command, PostgresMapping.ReadKey));
        while (page.Count > 0)
        {
            foreach (var key in page)
            {
                yield return key;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            var last = page[^1].KeyId;
            page = Run(
                $"SELECT {PostgresMapping.KeyColumns} FROM keys WHERE key_id > $1 ORDER BY key_id LIMIT {PageSize}",
                p => p.AddWithValue(last),
                command => All(command, PostgresMapping.ReadKey));
        }
    }

    public IEnumerable<SignedCheckpoint> ReadCheckpoints(string fromId, string toId)
    {
        var after = fromId;
        var inclusive = true;
        while (true)
        {
            var page = Run(
                $"""
                SELECT checkpoint_id, {PostgresMapping.CheckpointColumns} FROM checkpoints
                WHERE checkpoint_id {(inclusive ? ">=" : ">")} $1 AND checkpoint_id <= $2 ORDER BY checkpoint_id LIMIT {PageSize}
                """,
                p =>
                {
                    p.AddWithValue(after);
                    p.AddWithValue(toId);
                },
                command => All(command, row => (Id: row.GetString(0), Checkpoint: PostgresMapping.ReadCheckpoint(row, 1))));
            foreach (var (_, checkpoint) in page)
            {
                yield return checkpoint;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            (after, inclusive) = (page[^1].Id, false);
        }
    }

    private static T? One<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read)
        where T : class
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? read(reader) : null;
    }

    private static List<T> All<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
