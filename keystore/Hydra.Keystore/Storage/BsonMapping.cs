using Hydra.Access;
using Hydra.Audit;
using Hydra.Keystore.Sealing;
using LiteDB;

namespace Hydra.Keystore.Storage;

/// <summary>
/// Explicit BSON layouts of stored documents. Written by hand rather than by LiteDB's reflection mapper so the
/// on-disk format is visible here and cannot change by renaming a property.
/// </summary>
internal static class BsonMapping
{
    /// <summary>A key document's sealed envelope (FORMAT.md section 1).</summary>
    public const string SealedEnvelopeField = "senv";

    /// <summary>A key document's envelope in clear, as written before sealing; the seal command replaces it.</summary>
    public const string ClearEnvelopeField = "env";

    public static BsonDocument ToDocument(KeyRecord key) => new()
    {
        ["_id"] = key.KeyId,
        [key.Sealed ? SealedEnvelopeField : ClearEnvelopeField] = new BsonValue(key.StoredEnvelope),
        ["owner"] = key.Acl.OwnerText,
        ["acl"] = new BsonArray(key.Acl.Entries.Select(ToDocument)),
        ["aclv"] = key.Acl.Version,
        ["created"] = key.Created.UtcDateTime,
        ["by"] = key.CreatedBy,
    };

    public static KeyRecord ToKeyRecord(BsonDocument document)
    {
        var entries = document["acl"].AsArray.Select(value => ToAclEntry(value.AsDocument)).ToList();
        var acl = new KeyAcl(KeyAcl.ParseOwner(document["owner"].AsString), entries, document["aclv"].AsInt64);

        // A data file written before sealing holds the envelope in clear under "env" until it is migrated.
        var sealedEnvelope = document[SealedEnvelopeField];
        return new KeyRecord(
            document["_id"].AsString,
            sealedEnvelope.IsBinary ? sealedEnvelope.AsBinary : document[ClearEnvelopeField].AsBinary,
            sealedEnvelope.IsBinary,
            acl,
            new DateTimeOffset(DateTime.SpecifyKind(document["created"].AsDateTime, DateTimeKind.Utc)),
            document["by"].AsString);
    }

    /// <summary>The seal document (FORMAT.md): the wrapped data key and whether every envelope is sealed.</summary>
    public static BsonDocument ToDocument(StoredSeal seal) => new()
    {
        ["_id"] = StoredSeal.DocumentId,
        ["v"] = StoredSeal.FormatVersion,
        ["kind"] = seal.Key.Kind.ToString(),
        ["mech"] = seal.Key.Mechanism,
        ["wrapped"] = new BsonValue(seal.Key.Wrapped),
        ["kcv"] = new BsonValue(seal.Key.CheckValue),
        ["desc"] = seal.Key.Description,
        ["state"] = seal.State,
        ["created"] = seal.Created.UtcDateTime,
    };

    public static StoredSeal ToStoredSeal(BsonDocument document)
    {
        var version = document["v"].AsInt32;
        if (version != StoredSeal.FormatVersion)
        {
            throw new SealException($"The data file's seal is format version {version}; this node reads version {StoredSeal.FormatVersion}.");
        }

        var key = new WrappedDataKey(
            Enum.Parse<SealKind>(document["kind"].AsString),
            document["mech"].AsString,
            document["wrapped"].AsBinary,
            document["kcv"].AsBinary,
            document["desc"].AsString);
        return new StoredSeal(key, document["state"].AsString, new DateTimeOffset(DateTime.SpecifyKind(document["created"].AsDateTime, DateTimeKind.Utc)));
    }

    private static BsonDocument ToDocument(AclEntry entry) => new()
    {
        ["p"] = entry.Principal.Canonical,
        ["perm"] = (int)entry.Permissions,
        ["deny"] = entry.Deny,
    };

    private static AclEntry ToAclEntry(BsonDocument document) =>
        new(Principal.ParseStored(document["p"].AsString), (KeyPermissions)document["perm"].AsInt32, document["deny"].AsBoolean);

    public static BsonDocument ToDocument(AuditEntry entry) => new()
    {
        ["_id"] = entry.Sequence,
        ["t"] = entry.Time.UtcTicks,
        ["node"] = entry.NodeId,
        ["sub"] = entry.Subject,
        ["iss"] = entry.Issuer,
        ["fqans"] = new BsonArray(entry.Fqans.Select(f => new BsonValue(f))),
        ["op"] = entry.Operation,
        ["key"] = entry.KeyId,
        ["out"] = entry.Outcome,
        ["why"] = entry.Reason,
        ["peer"] = entry.Peer,
        ["dlg"] = entry.Delegate,
        ["depth"] = entry.ProxyDepth,
        ["prev"] = new BsonValue(entry.PreviousHash.ToArray()),
        ["hash"] = new BsonValue(entry.Hash.ToArray()),
    };

    public static AuditEntry ToAuditEntry(BsonDocument document) => new(
        document["_id"].AsInt64,
        new DateTimeOffset(document["t"].AsInt64, TimeSpan.Zero),
        document["node"].AsString,
        document["sub"].AsString,
        document["iss"].AsString,
        [.. document["fqans"].AsArray.Select(v => v.AsString)],
        document["op"].AsString,
        document["key"].AsString,
        document["out"].AsString,
        document["why"].AsString,
        document["peer"].AsString,
        document["dlg"].AsString,
        document["depth"].AsInt32,
        document["prev"].AsBinary,
        document["hash"].AsBinary);

    public static BsonDocument ToDocument(SignedCheckpoint checkpoint) => new()
    {
        ["_id"] = CheckpointId(checkpoint.NodeId, checkpoint.Sequence),
        ["node"] = checkpoint.NodeId,
        ["seq"] = checkpoint.Sequence,
        ["hash"] = new BsonValue(checkpoint.Hash.ToArray()),
        ["t"] = checkpoint.Time.UtcTicks,
        ["sig"] = new BsonValue(checkpoint.Signature.ToArray()),
        ["alg"] = checkpoint.SignatureAlgorithm,
        ["certs"] = new BsonArray(checkpoint.Certificates.Select(c => new BsonValue(c.GetEncoded()))),
    };

    public static SignedCheckpoint ToCheckpoint(BsonDocument document) => new(
        document["node"].AsString,
        document["seq"].AsInt64,
        document["hash"].AsBinary,
        new DateTimeOffset(document["t"].AsInt64, TimeSpan.Zero),
        document["sig"].AsBinary,
        document["alg"].AsString,
        [.. document["certs"].AsArray.Select(v => new Org.BouncyCastle.X509.X509Certificate(v.AsBinary))]);

    /// <summary>Checkpoint ids sort by node, then sequence (zero-padded).</summary>
    public static string CheckpointId(string nodeId, long sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{nodeId}:{sequence:D19}");
}
