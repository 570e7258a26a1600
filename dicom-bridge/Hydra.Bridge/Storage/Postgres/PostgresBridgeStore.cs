using Npgsql;
using NpgsqlTypes;

namespace Hydra.Bridge.Storage.Postgres;

/// <summary>
/// The shared back end: the catalog, queues and certificates in one PostgreSQL database that several bridges use at
/// once (schema in <c>Migrations/</c>, described in Storage/FORMAT.md). Each operation is one transaction on a pooled
/// connection; PostgreSQL groups concurrent commits' WAL flushes itself. A database that is down, restarting or whose
/// pool is exhausted fails the operation with <see cref="CatalogUnavailableException"/>, and the pool's idle
/// connections are dropped so the next operation connects afresh.
/// </summary>
internal sealed class PostgresBridgeStore : IBridgeStore
{
    private const string CatalogColumns =
        "sop_instance_uid, study_instance_uid, series_instance_uid, sop_class_uid, transfer_syntax_uid, patient_pseudonym, modality, " +
        "body_part, study_date, series_number, instance_number, key_id, object_path, size, acl, source, ingested, pixel_regions, released_by";

    private const string QuarantineColumns =
        "id, key_id, object_path, reason, reason_code, source, received, regions, decision_kind, decision_by, decision_at, released_sop_instance_uid";

    private const string HandoffColumns = "node_id, key_id, sealed_envelope, acl, queued";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresBridgeStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
    }

    /// <summary>Brings the database's schema to this code's version (see <see cref="SchemaMigrations"/>); returns migrations applied.</summary>
    public Task<int> MigrateAsync(CancellationToken cancellationToken) =>
        // Synchronous inside (the node's migrations share the code and open in a service factory); once, at start.
        RunAsync((connection, _) => Task.FromResult(SchemaMigrations.Apply(connection)), cancellationToken);

    public Task<bool> AddCatalogEntryAsync(CatalogEntry entry, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(
                $"INSERT INTO catalog ({CatalogColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) " +
                "ON CONFLICT (sop_instance_uid) DO NOTHING",
                connection);
            AddCatalogParameters(command, entry);
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);

    public Task PutQuarantineEntryAsync(QuarantineEntry entry, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(
                $"INSERT INTO quarantine ({QuarantineColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) " +
                "ON CONFLICT (id) DO UPDATE SET key_id = EXCLUDED.key_id, object_path = EXCLUDED.object_path, reason = EXCLUDED.reason, " +
                "reason_code = EXCLUDED.reason_code, source = EXCLUDED.source, received = EXCLUDED.received, regions = EXCLUDED.regions, " +
                "decision_kind = EXCLUDED.decision_kind, decision_by = EXCLUDED.decision_by, decision_at = EXCLUDED.decision_at, " +
                "released_sop_instance_uid = EXCLUDED.released_sop_instance_uid",
                connection);
            Add(command, entry.Id);
            Add(command, entry.KeyId);
            Add(command, entry.ObjectPath);
            Add(command, entry.Reason);
            Add(command, entry.ReasonCode);
            Add(command, entry.Source);
            Add(command, entry.Received.UtcDateTime);
            AddJson(command, PostgresRegions.ToJson(entry.Regions));
            AddNullable(command, entry.Decision?.Kind.ToString(), NpgsqlDbType.Text);
            AddNullable(command, entry.Decision?.By, NpgsqlDbType.Text);
            AddNullable(command, entry.Decision?.At.UtcDateTime, NpgsqlDbType.TimestampTz);
            AddNullable(command, entry.Decision?.ReleasedSopInstanceUid, NpgsqlDbType.Text);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public Task PutReviewEntryAsync(ReviewEntry entry, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO review (sop_instance_uid, key_id, object_path, created) VALUES ($1, $2, $3, $4) " +
                "ON CONFLICT (sop_instance_uid) DO UPDATE SET key_id = EXCLUDED.key_id, object_path = EXCLUDED.object_path, created = EXCLUDED.created",
                connection);
            Add(command, entry.SopInstanceUid);
            AddNullable(command, entry.KeyId, NpgsqlDbType.Text);
            AddNullable(command, entry.ObjectPath, NpgsqlDbType.Text);
            Add(command, entry.Created.UtcDateTime);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public Task EnqueueHandoffAsync(IReadOnlyList<HandoffEntry> entries, CancellationToken cancellationToken) =>
        RunInOneTransactionAsync([.. entries.Select(entry =>
        {
            var command = new NpgsqlBatchCommand(
                $"INSERT INTO handoff ({HandoffColumns}) VALUES ($1, $2, $3, $4, $5) " +
                "ON CONFLICT (node_id, key_id) DO UPDATE SET sealed_envelope = EXCLUDED.sealed_envelope, acl = EXCLUDED.acl, queued = EXCLUDED.queued");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.NodeId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.KeyId });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.SealedEnvelope });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entry.Acl] });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = entry.Queued.UtcDateTime });
            return command;
        })], cancellationToken);

    public Task<int> DrainHandoffAsync(
        string nodeId,
        int limit,
        Func<IReadOnlyList<HandoffEntry>, CancellationToken, Task<IReadOnlyList<HandoffEntry>>> deliver,
        CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            // Rows another bridge has claimed are skipped, not waited for; a claim ends with this transaction, so the
            // rows of a bridge that dies here become claimable again.
            await using var claim = new NpgsqlCommand(
                $"SELECT {HandoffColumns} FROM handoff WHERE node_id = $1 ORDER BY queued, key_id LIMIT $2 FOR UPDATE SKIP LOCKED",
                connection, transaction);
            Add(claim, nodeId);
            Add(claim, limit);
            var claimed = await ReadAllAsync(claim, ReadHandoff, ct);
            if (claimed.Count == 0)
            {
                return 0;
            }

            var delivered = await deliver(claimed, ct);
            await using var remove = new NpgsqlCommand("DELETE FROM handoff WHERE node_id = $1 AND key_id = ANY($2)", connection, transaction);
            Add(remove, nodeId);
            Add(remove, delivered.Select(d => d.KeyId).ToArray());
            var removed = await remove.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return removed;
        }, cancellationToken);

    public Task PutNodeCertificateAsync(string nodeId, byte[] certificate, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO node_certificate (node_id, certificate) VALUES ($1, $2) ON CONFLICT (node_id) DO UPDATE SET certificate = EXCLUDED.certificate",
                connection);
            Add(command, nodeId);
            Add(command, certificate);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public Task UpdateAclAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken) =>
        RunInOneTransactionAsync([.. entries.Select(entry =>
        {
            var command = new NpgsqlBatchCommand("UPDATE catalog SET acl = $2 WHERE sop_instance_uid = $1");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.SopInstanceUid });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entry.Acl] });
            return command;
        })], cancellationToken);

    public async Task<CatalogEntry?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {CatalogColumns} FROM catalog WHERE sop_instance_uid = $1", sopInstanceUid, ReadCatalog, cancellationToken))
        .SingleOrDefault();

    public Task<IReadOnlyList<CatalogEntry>> CatalogEntriesAsync(CancellationToken cancellationToken) =>
        QueryAsync<CatalogEntry>($"SELECT {CatalogColumns} FROM catalog ORDER BY sop_instance_uid", null, ReadCatalog, cancellationToken);

    public Task<IReadOnlyList<CatalogEntry>> StudyEntriesAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {CatalogColumns} FROM catalog WHERE study_instance_uid = $1", studyInstanceUid, ReadCatalog, cancellationToken);

    public Task<IReadOnlyList<CatalogEntry>> PatientEntriesAsync(string patientPseudonym, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {CatalogColumns} FROM catalog WHERE patient_pseudonym = $1", patientPseudonym, ReadCatalog, cancellationToken);

    public Task<int> CatalogCountAsync(CancellationToken cancellationToken) => CountAsync("catalog", cancellationToken);

    public async Task<QuarantineEntry?> FindQuarantinedAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {QuarantineColumns} FROM quarantine WHERE id = $1", id, ReadQuarantine, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<QuarantineEntry>> QuarantineEntriesAsync(CancellationToken cancellationToken) =>
        QueryAsync<QuarantineEntry>($"SELECT {QuarantineColumns} FROM quarantine", null, ReadQuarantine, cancellationToken);

    public Task<int> QuarantineCountAsync(CancellationToken cancellationToken) => CountAsync("quarantine", cancellationToken);

    public async Task<ReviewEntry?> FindReviewAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT sop_instance_uid, key_id, object_path, created FROM review WHERE sop_instance_uid = $1", sopInstanceUid, ReadReview, cancellationToken))
        .SingleOrDefault();

    public Task<IReadOnlyList<ReviewEntry>> ReviewEntriesAsync(CancellationToken cancellationToken) =>
        QueryAsync<ReviewEntry>("SELECT sop_instance_uid, key_id, object_path, created FROM review", null, ReadReview, cancellationToken);

    public Task<IReadOnlyList<HandoffEntry>> PendingHandoffAsync(string nodeId, int limit, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {HandoffColumns} FROM handoff WHERE node_id = $1 ORDER BY queued, key_id LIMIT $2", connection);
            Add(command, nodeId);
            Add(command, limit);
            return await ReadAllAsync(command, ReadHandoff, ct);
        }, cancellationToken);

    public Task<int> PendingHandoffCountAsync(CancellationToken cancellationToken) => CountAsync("handoff", cancellationToken);

    public async Task<byte[]?> NodeCertificateAsync(string nodeId, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT certificate FROM node_certificate WHERE node_id = $1", nodeId, r => r.GetFieldValue<byte[]>(0), cancellationToken))
        .SingleOrDefault();

    public void Dispose() => _dataSource.Dispose();

    private Task<int> CountAsync(string table, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            return (int)(long)(await command.ExecuteScalarAsync(ct))!;
        }, cancellationToken);

    private Task<IReadOnlyList<T>> QueryAsync<T>(string sql, string? argument, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if (argument is not null)
            {
                Add(command, argument);
            }

            return await ReadAllAsync(command, read, ct);
        }, cancellationToken);

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Runs one operation on a pooled connection, turning "the database is not there" into one clear error.</summary>
    /// <summary>Runs <paramref name="commands"/> as one batch (one round trip) in one transaction: all or none.</summary>
    private Task<int> RunInOneTransactionAsync(IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            if (commands.Count == 0)
            {
                return 0;
            }

            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var command in commands)
            {
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return commands.Count;
        }, cancellationToken);

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection, cancellationToken);
        }
        catch (Exception ex) when (PostgresFailures.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            // Idle pooled connections to a server that restarted are dead too; without this each would fail once more.
            _dataSource.Clear();
            throw new CatalogUnavailableException("catalog database unavailable: " + PostgresFailures.Describe(ex), ex);
        }
    }

    private static void AddCatalogParameters(NpgsqlCommand command, CatalogEntry entry)
    {
        Add(command, entry.SopInstanceUid);
        Add(command, entry.StudyInstanceUid);
        Add(command, entry.SeriesInstanceUid);
        Add(command, entry.SopClassUid);
        Add(command, entry.TransferSyntaxUid);
        Add(command, entry.PatientPseudonym);
        Add(command, entry.Modality);
        Add(command, entry.BodyPart);
        Add(command, entry.StudyDate);
        AddNullable(command, entry.SeriesNumber, NpgsqlDbType.Integer);
        AddNullable(command, entry.InstanceNumber, NpgsqlDbType.Integer);
        Add(command, entry.KeyId);
        Add(command, entry.ObjectPath);
        Add(command, entry.Size);
        Add(command, entry.Acl.ToArray());
        Add(command, entry.Source);
        Add(command, entry.Ingested.UtcDateTime);
        AddJson(command, PostgresRegions.ToJson(entry.PixelRegions));
        AddNullable(command, entry.ReleasedBy, NpgsqlDbType.Text);
    }

    private static CatalogEntry ReadCatalog(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7),
        r.GetString(8),
        r.IsDBNull(9) ? null : r.GetInt32(9),
        r.IsDBNull(10) ? null : r.GetInt32(10),
        r.GetString(11), r.GetString(12), r.GetInt64(13), r.GetFieldValue<string[]>(14), r.GetString(15), Instant(r, 16))
    {
        PixelRegions = PostgresRegions.FromJson(r.IsDBNull(17) ? null : r.GetString(17)),
        ReleasedBy = r.IsDBNull(18) ? null : r.GetString(18),
    };

    private static QuarantineEntry ReadQuarantine(NpgsqlDataReader r) =>
        new QuarantineEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(5), Instant(r, 6))
        {
            ReasonCode = r.GetString(4),
            Regions = PostgresRegions.FromJson(r.IsDBNull(7) ? null : r.GetString(7)),
            Decision = r.IsDBNull(8)
                ? null
                : new QuarantineDecision(Enum.Parse<QuarantineDecisionKind>(r.GetString(8)), r.GetString(9), Instant(r, 10), r.IsDBNull(11) ? null : r.GetString(11)),
        };

    private static ReviewEntry ReadReview(NpgsqlDataReader r) =>
        new(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Instant(r, 3));

    private static HandoffEntry ReadHandoff(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetFieldValue<byte[]>(2), r.GetFieldValue<string[]>(3), Instant(r, 4));

    private static DateTimeOffset Instant(NpgsqlDataReader r, int ordinal) => new(r.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);

    private static void Add<T>(NpgsqlCommand command, T value) where T : notnull =>
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });

    private static void AddNullable(NpgsqlCommand command, object? value, NpgsqlDbType type) =>
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });

    private static void AddJson(NpgsqlCommand command, string? json) => AddNullable(command, json, NpgsqlDbType.Jsonb);
}
