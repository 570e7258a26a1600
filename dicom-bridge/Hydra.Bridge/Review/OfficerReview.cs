using Hydra.Bridge.Contract;
using Hydra.Bridge.Ingest;
using Hydra.Bridge.Readers;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Review;

/// <summary>
/// What officers do with quarantined originals and redacted images: list them, see them (the key rebuilt on the
/// officer's behalf, so the nodes decide and audit officer and bridge), and release or keep an original. A release
/// goes through the ordinary ingest with the officer's decision standing for pixel cleaning.
/// </summary>
internal sealed class OfficerReview
{
    private readonly IBridgeStore _store;
    private readonly IObjectStore _objects;
    private readonly KeystoreCluster _cluster;
    private readonly IngestPipeline _pipeline;
    private readonly InstanceLocks _locks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public OfficerReview(
        IBridgeStore store, IObjectStore objects, KeystoreCluster cluster, IngestPipeline pipeline, InstanceLocks locks, TimeProvider time,
        ILogger<OfficerReview> logger)
    {
        _store = store;
        _objects = objects;
        _cluster = cluster;
        _pipeline = pipeline;
        _locks = locks;
        _time = time;
        _logger = logger;
    }

    public async Task<IReadOnlyList<QuarantineSummary>> QuarantineAsync(CancellationToken cancellationToken) =>
        [.. (await _store.QuarantineEntriesAsync(cancellationToken)).OrderBy(e => e.Received).Select(Summarise)];

    public Task<QuarantineEntry?> FindQuarantinedAsync(string id, CancellationToken cancellationToken) => _store.FindQuarantinedAsync(id, cancellationToken);

    public async Task<IReadOnlyList<RedactionSummary>> RedactionsAsync(CancellationToken cancellationToken)
    {
        var images = new List<(ReviewEntry review, CatalogEntry? image)>();
        foreach (var review in await _store.ReviewEntriesAsync(cancellationToken))
        {
            images.Add((review, await _store.FindInstanceAsync(review.SopInstanceUid, cancellationToken)));
        }

        return [.. images
            .Where(pair => pair.image is not null)
            .OrderBy(pair => pair.image!.Ingested)
            .Select(pair => new RedactionSummary(
                pair.image!.SopInstanceUid, pair.image.StudyInstanceUid, Regions(pair.image.PixelRegions), pair.image.Source,
                pair.image.Ingested, pair.review.KeyId is not null))];
    }

    public Task<ReviewEntry?> FindReviewAsync(string sopInstanceUid, CancellationToken cancellationToken) => _store.FindReviewAsync(sopInstanceUid, cancellationToken);

    /// <summary>The decrypted object at <paramref name="path"/>, its key rebuilt for <paramref name="officer"/>.</summary>
    /// <exception cref="ClusterException">The nodes refused the officer or too few answered.</exception>
    /// <exception cref="ContainerException">The stored object is damaged.</exception>
    public async Task<ReadOnlyMemory<byte>> OpenAsync(string keyId, string path, ReaderCredential officer, CancellationToken cancellationToken)
    {
        using var key = await officer.Delegate(_cluster).GetKeyAsync(KeyId.Parse(keyId), cancellationToken);
        return await ObjectEncryption.ReadAllAsync(_objects, path, key.KeyMemory, sizeHint: 0, cancellationToken);
    }

    /// <summary>
    /// Releases <paramref name="entry"/> for <paramref name="officer"/>: the original (its key rebuilt on the officer's
    /// behalf) is ingested with its pixels as they are and the decision recorded. Releasing again answers the first release.
    /// </summary>
    /// <exception cref="ClusterException">The nodes refused the officer the original's key, or too few answered.</exception>
    public async Task<(QuarantineDecisionResult? Released, IngestResult? NotStored)> ReleaseAsync(
        QuarantineEntry entry, ReaderCaller officer, CancellationToken cancellationToken)
    {
        using (await _locks.AcquireAsync("quarantine:" + entry.Id, cancellationToken))
        {
            var current = await _store.FindQuarantinedAsync(entry.Id, cancellationToken) ?? entry;
            var original = await OpenAsync(current.KeyId, current.ObjectPath, officer.OnBehalfOf, cancellationToken);
            if (current.Decision is { Kind: QuarantineDecisionKind.Released } earlier)
            {
                return (Result(current.Id, earlier), null);
            }

            var by = officer.Identity.SubjectText;
            var result = await _pipeline.IngestReleasedAsync(DicomFile.Read(original), current.Source, by, cancellationToken);
            if (result.Outcome != IngestOutcome.Stored)
            {
                ReviewLog.ReleaseRefused(_logger, by, current.Id, result.Quarantine?.Code.ToString() ?? result.Reason ?? result.Outcome.ToString());
                return (null, result);
            }

            var decision = new QuarantineDecision(QuarantineDecisionKind.Released, by, _time.GetUtcNow(), result.Report!.SopInstanceUid);
            await _store.PutQuarantineEntryAsync(current with { Decision = decision }, cancellationToken);
            ReviewLog.Released(_logger, by, current.Id, result.Report.SopInstanceUid);
            return (Result(current.Id, decision), null);
        }
    }

    /// <summary>
    /// Records that <paramref name="officer"/> keeps <paramref name="entry"/> in quarantine, after the nodes gave the
    /// officer its key (so the decision is audited there); null when it was already released (that cannot be undone here).
    /// </summary>
    /// <exception cref="ClusterException">The nodes refused the officer the original's key, or too few answered.</exception>
    public async Task<QuarantineDecisionResult?> KeepAsync(QuarantineEntry entry, ReaderCaller officer, CancellationToken cancellationToken)
    {
        using (await _locks.AcquireAsync("quarantine:" + entry.Id, cancellationToken))
        {
            var current = await _store.FindQuarantinedAsync(entry.Id, cancellationToken) ?? entry;
            using (await officer.OnBehalfOf.Delegate(_cluster).GetKeyAsync(KeyId.Parse(current.KeyId), cancellationToken))
            {
            }

            if (current.Decision is { Kind: QuarantineDecisionKind.Released })
            {
                return null;
            }

            var by = officer.Identity.SubjectText;
            var decision = new QuarantineDecision(QuarantineDecisionKind.Kept, by, _time.GetUtcNow(), null);
            await _store.PutQuarantineEntryAsync(current with { Decision = decision }, cancellationToken);
            ReviewLog.Kept(_logger, by, current.Id);
            return Result(current.Id, decision);
        }
    }

    private static QuarantineDecisionResult Result(string id, QuarantineDecision decision) =>
        new(id, Name(decision.Kind), decision.By, decision.At, decision.ReleasedSopInstanceUid);

    private static string Name(QuarantineDecisionKind kind) => kind == QuarantineDecisionKind.Kept ? "kept" : "released";

    private static QuarantineSummary Summarise(QuarantineEntry e) => new(
        e.Id, e.ReasonCode, e.ReasonDetail, e.Source, e.Received, e.Regions.Count, e.Decision is { } d ? Name(d.Kind) : "none",
        e.Decision?.By, e.Decision?.At, e.Decision?.ReleasedSopInstanceUid);

    public static IReadOnlyList<RegionSummary> Regions(IReadOnlyList<PixelRegion> regions) =>
        [.. regions.Select(r => new RegionSummary(r.Frame, r.X, r.Y, r.Width, r.Height, r.Source.ToString()))];
}
