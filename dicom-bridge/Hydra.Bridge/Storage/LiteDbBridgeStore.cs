using Hydra.Storage;
using LiteDB;

namespace Hydra.Bridge.Storage;

/// <summary>
/// The embedded back end (the default): one LiteDB file, one bridge. Durable writes go through one group-commit
/// writer, so many concurrent ingests share each fsync; reads go to the file directly and complete at once.
/// </summary>
internal sealed class LiteDbBridgeStore : IBridgeStore
{
    private readonly BridgeDatabase _database;
    private readonly GroupCommitWriter<BridgeDatabase> _writer;
    private readonly SemaphoreSlim _draining = new(1, 1);

    public LiteDbBridgeStore(BridgeDatabase database, ILogger logger)
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

    // The check and the insert run on the one writer thread, so no other insert of the same image comes between them.
    public Task<bool> AddCatalogEntryAsync(CatalogEntry entry, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(
            db => db.Catalog.FindById(entry.SopInstanceUid) is null && db.Catalog.Insert(BridgeMapping.ToDocument(entry)) is not null,
            cancellationToken);

    public Task PutQuarantineEntryAsync(QuarantineEntry entry, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Quarantine.Upsert(BridgeMapping.ToDocument(entry)), cancellationToken);

    public Task PutReviewEntryAsync(ReviewEntry entry, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Review.Upsert(BridgeMapping.ToDocument(entry)), cancellationToken);

    public Task EnqueueHandoffAsync(IReadOnlyList<HandoffEntry> entries, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Handoff.Upsert(entries.Select(BridgeMapping.ToDocument)), cancellationToken);

    // One bridge owns the file; its own drainers (the timer, an explicit round) take turns, so none is offered a
    // share another is delivering.
    public async Task<int> DrainHandoffAsync(
        string nodeId,
        int limit,
        Func<IReadOnlyList<HandoffEntry>, CancellationToken, Task<IReadOnlyList<HandoffEntry>>> deliver,
        CancellationToken cancellationToken)
    {
        await _draining.WaitAsync(cancellationToken);
        try
        {
            var pending = await PendingHandoffAsync(nodeId, limit, cancellationToken);
            if (pending.Count == 0)
            {
                return 0;
            }

            var delivered = await deliver(pending, cancellationToken);
            return await _writer.ExecuteAsync(
                db => delivered.Count(e => db.Handoff.Delete(BridgeMapping.HandoffId(e.NodeId, e.KeyId))), cancellationToken);
        }
        finally
        {
            _draining.Release();
        }
    }

    public Task PutNodeCertificateAsync(string nodeId, byte[] certificate, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Nodes.Upsert(new BsonDocument { ["_id"] = nodeId, ["cert"] = new BsonValue(certificate) }), cancellationToken);

    public Task UpdateAclAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(db => db.Catalog.Upsert(entries.Select(BridgeMapping.ToDocument)), cancellationToken);

    public Task<CatalogEntry?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Catalog.FindById(sopInstanceUid) is { } document ? BridgeMapping.ToCatalogEntry(document) : null);

    public Task<IReadOnlyList<CatalogEntry>> CatalogEntriesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CatalogEntry>>([.. _database.Catalog.FindAll().Select(BridgeMapping.ToCatalogEntry)]);

    public Task<IReadOnlyList<CatalogEntry>> StudyEntriesAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CatalogEntry>>([.. _database.Catalog.Find(Query.EQ("study", studyInstanceUid)).Select(BridgeMapping.ToCatalogEntry)]);

    public Task<IReadOnlyList<CatalogEntry>> PatientEntriesAsync(string patientPseudonym, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CatalogEntry>>([.. _database.Catalog.Find(Query.EQ("patient", patientPseudonym)).Select(BridgeMapping.ToCatalogEntry)]);

    public Task<int> CatalogCountAsync(CancellationToken cancellationToken) => Task.FromResult(_database.Catalog.Count());

    public Task<QuarantineEntry?> FindQuarantinedAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Quarantine.FindById(id) is { } document ? BridgeMapping.ToQuarantineEntry(document) : null);

    public Task<IReadOnlyList<QuarantineEntry>> QuarantineEntriesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QuarantineEntry>>([.. _database.Quarantine.FindAll().Select(BridgeMapping.ToQuarantineEntry)]);

    public Task<int> QuarantineCountAsync(CancellationToken cancellationToken) => Task.FromResult(_database.Quarantine.Count());

    public Task<ReviewEntry?> FindReviewAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Review.FindById(sopInstanceUid) is { } document ? BridgeMapping.ToReviewEntry(document) : null);

    public Task<IReadOnlyList<ReviewEntry>> ReviewEntriesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReviewEntry>>([.. _database.Review.FindAll().Select(BridgeMapping.ToReviewEntry)]);

    public Task<IReadOnlyList<HandoffEntry>> PendingHandoffAsync(string nodeId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HandoffEntry>>(
            [.. _database.Handoff.Find(Query.StartsWith("_id", nodeId + "/"), limit: limit).Select(BridgeMapping.ToHandoffEntry)]);

    public Task<int> PendingHandoffCountAsync(CancellationToken cancellationToken) => Task.FromResult(_database.Handoff.Count());

    public Task<byte[]?> NodeCertificateAsync(string nodeId, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Nodes.FindById(nodeId)?["cert"].AsBinary);

    public void Dispose()
    {
        _writer.Dispose();
        _draining.Dispose();
    }
}
