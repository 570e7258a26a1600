using LiteDB;

namespace Hydra.Bridge.Storage;

/// <summary>Explicit BSON layouts of the bridge's documents, so the stored format is visible and stable.</summary>
internal static class BridgeMapping
{
    public static BsonDocument ToDocument(CatalogEntry entry) => new()
    {
        ["_id"] = entry.SopInstanceUid,
        ["study"] = entry.StudyInstanceUid,
        ["series"] = entry.SeriesInstanceUid,
        ["class"] = entry.SopClassUid,
        ["ts"] = entry.TransferSyntaxUid,
        ["patient"] = entry.PatientPseudonym,
        ["modality"] = entry.Modality,
        ["body"] = entry.BodyPart,
        ["date"] = entry.StudyDate,
        ["seriesNo"] = entry.SeriesNumber is { } series ? new BsonValue(series) : BsonValue.Null,
        ["instanceNo"] = entry.InstanceNumber is { } instance ? new BsonValue(instance) : BsonValue.Null,
        ["key"] = entry.KeyId,
        ["path"] = entry.ObjectPath,
        ["size"] = entry.Size,
        ["acl"] = new BsonArray(entry.Acl.Select(a => new BsonValue(a))),
        ["source"] = entry.Source,
        ["t"] = entry.Ingested.UtcTicks,
    };

    public static CatalogEntry ToCatalogEntry(BsonDocument d) => new(
        d["_id"].AsString,
        d["study"].AsString,
        d["series"].AsString,
        d["class"].AsString,
        d["ts"].AsString,
        d["patient"].AsString,
        d["modality"].AsString,
        d["body"].AsString,
        d["date"].AsString,
        d["seriesNo"].IsNull ? null : d["seriesNo"].AsInt32,
        d["instanceNo"].IsNull ? null : d["instanceNo"].AsInt32,
        d["key"].AsString,
        d["path"].AsString,
        d["size"].AsInt64,
        [.. d["acl"].AsArray.Select(v => v.AsString)],
        d["source"].AsString,
        new DateTimeOffset(d["t"].AsInt64, TimeSpan.Zero));

    public static BsonDocument ToDocument(QuarantineEntry entry) => new()
    {
        ["_id"] = entry.Id,
        ["key"] = entry.KeyId,
        ["path"] = entry.ObjectPath,
        ["why"] = entry.Reason,
        ["source"] = entry.Source,
        ["t"] = entry.Received.UtcTicks,
    };

    public static QuarantineEntry ToQuarantineEntry(BsonDocument d) => new(
        d["_id"].AsString, d["key"].AsString, d["path"].AsString, d["why"].AsString, d["source"].AsString,
        new DateTimeOffset(d["t"].AsInt64, TimeSpan.Zero));

    public static string HandoffId(string nodeId, string keyId) => nodeId + "/" + keyId;

    public static BsonDocument ToDocument(HandoffEntry entry) => new()
    {
        ["_id"] = HandoffId(entry.NodeId, entry.KeyId),
        ["node"] = entry.NodeId,
        ["key"] = entry.KeyId,
        ["sealed"] = new BsonValue(entry.SealedEnvelope),
        ["acl"] = new BsonArray(entry.Acl.Select(a => new BsonValue(a))),
        ["t"] = entry.Queued.UtcTicks,
    };

    public static HandoffEntry ToHandoffEntry(BsonDocument d) => new(
        d["node"].AsString, d["key"].AsString, d["sealed"].AsBinary, [.. d["acl"].AsArray.Select(v => v.AsString)],
        new DateTimeOffset(d["t"].AsInt64, TimeSpan.Zero));
}
