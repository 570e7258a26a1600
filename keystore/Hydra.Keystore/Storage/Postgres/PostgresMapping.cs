using System.Text.Json;
using Hydra.Access;
using Hydra.Audit;
using Hydra.Keystore.Sealing;
using Npgsql;
using NpgsqlTypes;

namespace Hydra.Keystore.Storage.Postgres;

/// <summary>
/// Rows of the PostgreSQL schema (Migrations/, FORMAT.md section 5) to records and back, field for field as
/// <see cref="BsonMapping"/> stores them in LiteDB, so an audit record's hash covers the same values on both.
/// </summary>
internal static class PostgresMapping
{
    public const string KeyColumns = "key_id, sealed_envelope, owner, acl, acl_version, created_ticks, created_by";

    public const string AuditColumns =
        "sequence, time_ticks, node_id, subject, issuer, fqans, operation, key_id, outcome, reason, peer, delegate, proxy_depth, previous_hash, hash";

    public const string CheckpointColumns = "node_id, sequence, hash, time_ticks, signature, algorithm, certificates";

    public const string SealColumns = "version, kind, mechanism, wrapped, check_value, description, state, created_ticks";

    public static void AddKey(NpgsqlParameterCollection parameters, KeyRecord key)
    {
        parameters.AddWithValue(key.KeyId);
        parameters.AddWithValue(key.StoredEnvelope);
        parameters.AddWithValue(key.Acl.OwnerText);
        parameters.AddWithValue(NpgsqlDbType.Jsonb, AclJson(key.Acl.Entries));
        parameters.AddWithValue(key.Acl.Version);
        parameters.AddWithValue(key.Created.UtcTicks);
        parameters.AddWithValue(key.CreatedBy);
    }

    public static KeyRecord ReadKey(NpgsqlDataReader row)
    {
        var entries = ParseAcl(row.GetString(3));
        var acl = new KeyAcl(KeyAcl.ParseOwner(row.GetString(2)), entries, row.GetInt64(4));
        // Every envelope in a PostgreSQL database is sealed: it is created with its data key, never written before sealing.
        return new KeyRecord(row.GetString(0), row.GetFieldValue<byte[]>(1), true, acl, new DateTimeOffset(row.GetInt64(5), TimeSpan.Zero), row.GetString(6));
    }

    public static void AddAudit(NpgsqlParameterCollection parameters, AuditEntry entry)
    {
        parameters.AddWithValue(entry.Sequence);
        parameters.AddWithValue(entry.Time.UtcTicks);
        parameters.AddWithValue(entry.NodeId);
        parameters.AddWithValue(entry.Subject);
        parameters.AddWithValue(entry.Issuer);
        parameters.AddWithValue(entry.Fqans.ToArray());
        parameters.AddWithValue(entry.Operation);
        parameters.AddWithValue(entry.KeyId);
        parameters.AddWithValue(entry.Outcome);
        parameters.AddWithValue(entry.Reason);
        parameters.AddWithValue(entry.Peer);
        parameters.AddWithValue(entry.Delegate);
        parameters.AddWithValue(entry.ProxyDepth);
        parameters.AddWithValue(entry.PreviousHash.ToArray());
        parameters.AddWithValue(entry.Hash.ToArray());
    }

    public static AuditEntry ReadAudit(NpgsqlDataReader row) => new(
        row.GetInt64(0),
        new DateTimeOffset(row.GetInt64(1), TimeSpan.Zero),
        row.GetString(2),
        row.GetString(3),
        row.GetString(4),
        row.GetFieldValue<string[]>(5),
        row.GetString(6),
        row.GetString(7),
        row.GetString(8),
        row.GetString(9),
        row.GetString(10),
        row.GetString(11),
        row.GetInt32(12),
        row.GetFieldValue<byte[]>(13),
        row.GetFieldValue<byte[]>(14));

    public static void AddCheckpoint(NpgsqlParameterCollection parameters, string id, SignedCheckpoint checkpoint)
    {
        parameters.AddWithValue(id);
        parameters.AddWithValue(checkpoint.NodeId);
        parameters.AddWithValue(checkpoint.Sequence);
        parameters.AddWithValue(checkpoint.Hash.ToArray());
        parameters.AddWithValue(checkpoint.Time.UtcTicks);
        parameters.AddWithValue(checkpoint.Signature.ToArray());
        parameters.AddWithValue(checkpoint.SignatureAlgorithm);
        parameters.AddWithValue(checkpoint.Certificates.Select(c => c.GetEncoded()).ToArray());
    }

    public static SignedCheckpoint ReadCheckpoint(NpgsqlDataReader row) => ReadCheckpoint(row, 0);

    /// <summary>A checkpoint whose <see cref="CheckpointColumns"/> start at column <paramref name="first"/>.</summary>
    public static SignedCheckpoint ReadCheckpoint(NpgsqlDataReader row, int first) => new(
        row.GetString(first),
        row.GetInt64(first + 1),
        row.GetFieldValue<byte[]>(first + 2),
        new DateTimeOffset(row.GetInt64(first + 3), TimeSpan.Zero),
        row.GetFieldValue<byte[]>(first + 4),
        row.GetString(first + 5),
        [.. row.GetFieldValue<byte[][]>(first + 6).Select(der => new Org.BouncyCastle.X509.X509Certificate(der))]);

    public static void AddSeal(NpgsqlParameterCollection parameters, StoredSeal seal)
    {
        parameters.AddWithValue(StoredSeal.DocumentId);
        parameters.AddWithValue(StoredSeal.FormatVersion);
        parameters.AddWithValue(seal.Key.Kind.ToString());
        parameters.AddWithValue(seal.Key.Mechanism);
        parameters.AddWithValue(seal.Key.Wrapped);
        parameters.AddWithValue(seal.Key.CheckValue);
        parameters.AddWithValue(seal.Key.Description);
        parameters.AddWithValue(seal.State);
        parameters.AddWithValue(seal.Created.UtcTicks);
    }

    public static StoredSeal ReadSeal(NpgsqlDataReader row)
    {
        var version = row.GetInt32(0);
        if (version != StoredSeal.FormatVersion)
        {
            throw new SealException($"The database's seal is format version {version}; this node reads version {StoredSeal.FormatVersion}.");
        }

        var key = new WrappedDataKey(
            Enum.Parse<SealKind>(row.GetString(1)), row.GetString(2), row.GetFieldValue<byte[]>(3), row.GetFieldValue<byte[]>(4), row.GetString(5));
        return new StoredSeal(key, row.GetString(6), new DateTimeOffset(row.GetInt64(7), TimeSpan.Zero));
    }

    private static string AclJson(IReadOnlyList<AclEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("p", entry.Principal.Canonical);
                json.WriteNumber("perm", (int)entry.Permissions);
                json.WriteBoolean("deny", entry.Deny);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<AclEntry> ParseAcl(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => new AclEntry(
            Principal.ParseStored(e.GetProperty("p").GetString()!),
            (KeyPermissions)e.GetProperty("perm").GetInt32(),
            e.GetProperty("deny").GetBoolean()))];
    }
}
