using Hydra.Storage;
using LiteDB;

namespace Hydra.Bridge.Storage;

/// <summary>
/// The bridge's durable state in one LiteDB file: the catalog, the quarantine index, the review thumbnails' index, the hand-off queue and the
/// keystore nodes' host certificates (needed to seal shares for a node that is down).
/// </summary>
internal sealed class BridgeDatabase : IDisposable
{
    private readonly DurableLiteDatabase _database;

    public BridgeDatabase(string dataFile)
    {
        _database = new DurableLiteDatabase(dataFile);
        Catalog = _database.GetCollection("catalog");
        Quarantine = _database.GetCollection("quarantine");
        Handoff = _database.GetCollection("handoff");
        Nodes = _database.GetCollection("nodes");
        Review = _database.GetCollection("review");
        Catalog.EnsureIndex("study");
        // The patient portal lists a patient's studies by pseudonym; an older file gets the index on first open.
        Catalog.EnsureIndex("patient");
    }

    public DurableLiteDatabase Durable => _database;

    public ILiteCollection<BsonDocument> Catalog { get; }

    public ILiteCollection<BsonDocument> Quarantine { get; }

    public ILiteCollection<BsonDocument> Handoff { get; }

    public ILiteCollection<BsonDocument> Nodes { get; }

    /// <summary>The review thumbnails of redacted images, by SOP Instance UID.</summary>
    public ILiteCollection<BsonDocument> Review { get; }

    public void Dispose() => _database.Dispose();
}
