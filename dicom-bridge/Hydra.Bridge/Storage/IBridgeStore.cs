namespace Hydra.Bridge.Storage;

/// <summary>
/// The bridge's durable state: the catalog, the quarantine and review indexes, the hand-off queue and the keystore
/// nodes' certificates. Each write is one transaction, durable when its task completes. Two back ends:
/// <see cref="LiteDbBridgeStore"/> (one embedded file, one bridge; the default) and <see cref="Postgres.PostgresBridgeStore"/>
/// (one database several bridges share). A back end that cannot be reached fails with
/// <see cref="CatalogUnavailableException"/>.
/// </summary>
internal interface IBridgeStore : IDisposable
{
    /// <summary>
    /// Catalogs an image unless it is catalogued already: true when this call stored it, false when another ingest
    /// (this bridge's or another's) did first, whose entry is then left as it was.
    /// </summary>
    Task<bool> AddCatalogEntryAsync(CatalogEntry entry, CancellationToken cancellationToken);

    Task PutQuarantineEntryAsync(QuarantineEntry entry, CancellationToken cancellationToken);

    Task PutReviewEntryAsync(ReviewEntry entry, CancellationToken cancellationToken);

    /// <summary>Queues shares for nodes that were down, in one transaction (a share queued again replaces the first).</summary>
    Task EnqueueHandoffAsync(IReadOnlyList<HandoffEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> of <paramref name="nodeId"/>'s waiting shares that no other drainer holds,
    /// hands them to <paramref name="deliver"/>, and removes those it returns as delivered, all in one transaction: a
    /// share is delivered by one bridge at a time, and one whose bridge died mid-delivery stays for the next. Returns
    /// how many were removed.
    /// </summary>
    Task<int> DrainHandoffAsync(
        string nodeId,
        int limit,
        Func<IReadOnlyList<HandoffEntry>, CancellationToken, Task<IReadOnlyList<HandoffEntry>>> deliver,
        CancellationToken cancellationToken);

    Task PutNodeCertificateAsync(string nodeId, byte[] certificate, CancellationToken cancellationToken);

    /// <summary>Replaces the ACLs of already catalogued images, in one transaction.</summary>
    Task UpdateAclAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken);

    Task<CatalogEntry?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken);

    Task<IReadOnlyList<CatalogEntry>> CatalogEntriesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<CatalogEntry>> StudyEntriesAsync(string studyInstanceUid, CancellationToken cancellationToken);

    Task<IReadOnlyList<CatalogEntry>> PatientEntriesAsync(string patientPseudonym, CancellationToken cancellationToken);

    Task<int> CatalogCountAsync(CancellationToken cancellationToken);

    Task<QuarantineEntry?> FindQuarantinedAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<QuarantineEntry>> QuarantineEntriesAsync(CancellationToken cancellationToken);

    Task<int> QuarantineCountAsync(CancellationToken cancellationToken);

    Task<ReviewEntry?> FindReviewAsync(string sopInstanceUid, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReviewEntry>> ReviewEntriesAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> of the shares waiting for <paramref name="nodeId"/> (a read; claims nothing).</summary>
    Task<IReadOnlyList<HandoffEntry>> PendingHandoffAsync(string nodeId, int limit, CancellationToken cancellationToken);

    Task<int> PendingHandoffCountAsync(CancellationToken cancellationToken);

    Task<byte[]?> NodeCertificateAsync(string nodeId, CancellationToken cancellationToken);
}
