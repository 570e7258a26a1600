using Hydra.Storage;
using LiteDB;

namespace Hydra.Bridge.Storage;

/// <summary>
/// Durable writes of the bridge (catalog entries, quarantine records, hand-off entries) through one group-commit
/// writer, so many concurrent ingests share each fsync; and the reads that serve readers.
/// </summary>
internal sealed class BridgeStore : IDisposable
{
    private readonly BridgeDatabase _database;
    private readonly GroupCommitWriter<BridgeDatabase> _writer;

    public BridgeStore(BridgeDatabase database, ILogger logger)
    {
        _database = database;
        _writer = new GroupCommitWriter<BridgeDatabase>(database.Durable, new GroupCommitOptions<BridgeDatabase>
        {
            BeginBatch = () => _database,
            OperationFailed = ex => BridgeLog.StoreOperationFailed(logger, ex),
            CommitFailed = (count, ex) => BridgeLog.StoreCommitFailed(logger, count, ex),
            ThreadName = "bridge-writer",
        });
    }

    /// <summary>
    /// Catalogs an image not catalogued yet: the caller holds the instance's lock and has checked. An insert skips the
    /// second index lookup an upsert makes; a duplicate would fail here rather than overwrite an existing entry.
    /// </summary>
    public Task AddCatalogEntryAsync(CatalogEntry entry, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Catalog.Insert(BridgeMapping.ToDocument(entry)), cancellationToken);

    public Task PutQuarantineEntryAsync(QuarantineEntry entry, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Quarantine.Upsert(BridgeMapping.ToDocument(entry)), cancellationToken);

    public Task PutReviewEntryAsync(ReviewEntry entry, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Review.Upsert(BridgeMapping.ToDocument(entry)), cancellationToken);

    public Task EnqueueHandoffAsync(IReadOnlyList<HandoffEntry> entries, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Handoff.Upsert(entries.Select(BridgeMapping.ToDocument)), cancellationToken);

    public Task RemoveHandoffAsync(IReadOnlyList<HandoffEntry> delivered, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(
            db => delivered.Count(e => db.Handoff.Delete(BridgeMapping.HandoffId(e.NodeId, e.KeyId))), cancellationToken);

    public Task PutNodeCertificateAsync(string nodeId, byte[] certificate, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Nodes.Upsert(new BsonDocument { ["_id"] = nodeId, ["cert"] = new BsonValue(certificate) }), cancellationToken);

    public Task UpdateAclAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Catalog.Upsert(entries.Select(BridgeMapping.ToDocument)), cancellationToken);

    public CatalogEntry? FindInstance(string sopInstanceUid) =>
        _database.Catalog.FindById(sopInstanceUid) is { } document ? BridgeMapping.ToCatalogEntry(document) : null;

    public IEnumerable<CatalogEntry> CatalogEntries() => _database.Catalog.FindAll().Select(BridgeMapping.ToCatalogEntry);

    public IEnumerable<CatalogEntry> StudyEntries(string studyInstanceUid) =>
        _database.Catalog.Find(Query.EQ("study", studyInstanceUid)).Select(BridgeMapping.ToCatalogEntry);

    public IEnumerable<CatalogEntry> PatientEntries(string patientPseudonym) =>
        _database.Catalog.Find(Query.EQ("patient", patientPseudonym)).Select(BridgeMapping.ToCatalogEntry);

    public QuarantineEntry? FindQuarantined(string id) =>
        _database.Quarantine.FindById(id) is { } document ? BridgeMapping.ToQuarantineEntry(document) : null;

    public IEnumerable<QuarantineEntry> QuarantineEntries() => _database.Quarantine.FindAll().Select(BridgeMapping.ToQuarantineEntry);

    public ReviewEntry? FindReview(string sopInstanceUid) =>
        _database.Review.FindById(sopInstanceUid) is { } document ? BridgeMapping.ToReviewEntry(document) : null;

    public IEnumerable<ReviewEntry> ReviewEntries() => _database.Review.FindAll().Select(BridgeMapping.ToReviewEntry);

    public IReadOnlyList<HandoffEntry> PendingHandoff(string nodeId, int limit) =>
        [.. _database.Handoff.Find(Query.StartsWith("_id", nodeId + "/"), limit: limit).Select(BridgeMapping.ToHandoffEntry)];

    public int PendingHandoffCount() => _database.Handoff.Count();

    public byte[]? NodeCertificate(string nodeId) => _database.Nodes.FindById(nodeId)?["cert"].AsBinary;

    public void Dispose() => _writer.Dispose();
}
