using Hydra.Dicom.Deidentification;
using LiteDB;

namespace Hydra.Bridge.Storage;

/// <summary>Explicit BSON layouts of the bridge's documents, so the stored format is visible and stable.</summary>
internal static class BridgeMapping
{
    public static BsonDocument ToDocument(CatalogEntry entry)
    {
        var document = CatalogDocument(entry);
        // Written only when there is something to say, so documents of other images keep their old layout.
        if (entry.PixelRegions.Count > 0)
        {
            document["regions"] = ToArray(entry.PixelRegions);
        }

        if (entry.ReleasedBy is not null)
        {
            document["releasedBy"] = entry.ReleasedBy;
        }

        return document;
    }

    private static BsonDocument CatalogDocument(CatalogEntry entry) => new()
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
        new DateTimeOffset(d["t"].AsInt64, TimeSpan.Zero))
    {
        PixelRegions = ToRegions(d),
        ReleasedBy = d.TryGetValue("releasedBy", out var by) && by.IsString ? by.AsString : null,
    };

    public static BsonDocument ToDocument(QuarantineEntry entry)
    {
        var document = new BsonDocument
        {
            ["_id"] = entry.Id,
            ["key"] = entry.KeyId,
            ["path"] = entry.ObjectPath,
            ["why"] = entry.Reason,
            ["source"] = entry.Source,
            ["t"] = entry.Received.UtcTicks,
            ["code"] = entry.ReasonCode,
        };
        if (entry.Regions.Count > 0)
        {
            document["regions"] = ToArray(entry.Regions);
        }

        if (entry.Decision is { } decision)
        {
            document["decision"] = new BsonDocument
            {
                ["kind"] = decision.Kind.ToString(),
                ["by"] = decision.By,
                ["t"] = decision.At.UtcTicks,
                ["sop"] = decision.ReleasedSopInstanceUid is { } sop ? new BsonValue(sop) : BsonValue.Null,
            };
        }

        return document;
    }

    // Documents written before officer review have no code, regions or decision: the code is then the reason's start.
    public static QuarantineEntry ToQuarantineEntry(BsonDocument d)
    {
        var entry = new QuarantineEntry(
            d["_id"].AsString, d["key"].AsString, d["path"].AsString, d["why"].AsString, d["source"].AsString,
            new DateTimeOffset(d["t"].AsInt64, TimeSpan.Zero));
        return entry with
        {
            ReasonCode = d.TryGetValue("code", out var code) && code.IsString ? code.AsString : entry.ReasonCode,
            Regions = ToRegions(d),
            Decision = d.TryGetValue("decision", out var decision) && decision.IsDocument ? ToDecision(decision.AsDocument) : null,
        };
    }

    private static QuarantineDecision ToDecision(BsonDocument d) => new(
        Enum.Parse<QuarantineDecisionKind>(d["kind"].AsString),
        d["by"].AsString,
        new DateTimeOffset(d["t"].AsInt64, TimeSpan.Zero),
        d["sop"].IsString ? d["sop"].AsString : null);

    public static BsonDocument ToDocument(ReviewEntry entry) => new()
    {
        ["_id"] = entry.SopInstanceUid,
        ["key"] = entry.KeyId is { } key ? new BsonValue(key) : BsonValue.Null,
        ["path"] = entry.ObjectPath is { } path ? new BsonValue(path) : BsonValue.Null,
        ["t"] = entry.Created.UtcTicks,
    };

    public static ReviewEntry ToReviewEntry(BsonDocument d) => new(
        d["_id"].AsString,
        d["key"].IsString ? d["key"].AsString : null,
        d["path"].IsString ? d["path"].AsString : null,
        new DateTimeOffset(d["t"].AsInt64, TimeSpan.Zero));

    // A region as {f, x, y, w, h, s}: where, and which layer blanked it (never what was there).
    private static BsonArray ToArray(IReadOnlyList<PixelRegion> regions) => new(regions.Select(r => new BsonDocument
    {
        ["f"] = r.Frame,
        ["x"] = r.X,
        ["y"] = r.Y,
        ["w"] = r.Width,
        ["h"] = r.Height,
        ["s"] = r.Source.ToString(),
    }));

    private static PixelRegion[] ToRegions(BsonDocument d) =>
        d.TryGetValue("regions", out var regions) && regions.IsArray
            ? [.. regions.AsArray.Select(v => v.AsDocument).Select(r => new PixelRegion(
                r["f"].AsInt32, r["x"].AsInt32, r["y"].AsInt32, r["w"].AsInt32, r["h"].AsInt32, Enum.Parse<PixelRegionSource>(r["s"].AsString)))]
            : [];

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
