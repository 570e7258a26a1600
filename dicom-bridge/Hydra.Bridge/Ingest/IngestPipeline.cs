using Hydra.Bridge.Review;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Services;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Ingest;

/// <summary>
/// The ingest of C-STORE and STOW-RS alike: de-identify, take a key already registered on the cluster, encrypt, store the ciphertext and
/// the catalog entry, and only then acknowledge. Originals never touch the disk outside the (encrypted) quarantine.
/// </summary>
/// <remarks>
/// Order matters for crash safety: the key is durable on the write quorum (missed shares durably queued) before the
/// image takes it, then the object is made durable (fsynced, atomically renamed), then the catalog entry, then the
/// answer. The catalog entry is what makes an image exist: a crash before it leaves at most an object nothing refers
/// to, which the sender's retry overwrites under a fresh key; an image already catalogued is acknowledged again
/// without new work (idempotent). Bridges sharing one catalog may ingest the same image at once: the catalog insert
/// decides, the first stays, and the other acknowledges too, its own object and key unused.
/// </remarks>
internal sealed class IngestPipeline : IDicomStoreHandler
{
    private readonly DicomDeidentifier _deidentifier;
    private readonly KeyPool _keys;
    private readonly IObjectStore _objects;
    private readonly IBridgeStore _store;
    private readonly QuarantineStore _quarantine;
    private readonly ReviewThumbnails _thumbnails;
    private readonly IngestAcl _acl;
    private readonly ClusterConfiguration _cluster;
    private readonly InstanceLocks _locks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public IngestPipeline(
        DicomDeidentifier deidentifier,
        KeyPool keys,
        IObjectStore objects,
        IBridgeStore store,
        QuarantineStore quarantine,
        ReviewThumbnails thumbnails,
        IngestAcl acl,
        ClusterConfiguration cluster,
        InstanceLocks locks,
        TimeProvider time,
        ILogger<IngestPipeline> logger)
    {
        _deidentifier = deidentifier;
        _keys = keys;
        _objects = objects;
        _store = store;
        _quarantine = quarantine;
        _thumbnails = thumbnails;
        _acl = acl;
        _cluster = cluster;
        _locks = locks;
        _time = time;
        _logger = logger;
    }

    /// <summary>The DIMSE adapter: reads the data set the association carries and ingests it as its calling AE title.</summary>
    public async Task<DicomStoreResult> StoreAsync(DicomStoreRequest request, CancellationToken cancellationToken)
    {
        var dataset = await request.ReadDatasetAsync(cancellationToken);
        var original = new DicomFile(dataset, request.TransferSyntax, request.CreateFileMetaInformation());
        var result = await IngestAsync(original, request.Association.CallingAeTitle, cancellationToken);
        return result.Outcome == IngestOutcome.Refused ? new DicomStoreResult(result.Status, result.Reason) : DicomStoreResult.Success;
    }

    /// <summary>
    /// Ingests one complete original as <paramref name="source"/> (its ACL and profile): stored de-identified, or
    /// quarantined, or refused with why. Whatever comes back stored or quarantined is recoverable; a refusal left
    /// nothing behind that makes an image exist.
    /// </summary>
    public Task<IngestResult> IngestAsync(DicomFile original, string source, CancellationToken cancellationToken) =>
        IngestDeidentifiedAsync(original, source, _deidentifier.Deidentify(original, source, cancellationToken), releasedBy: null, cancellationToken);

    /// <summary>
    /// Ingests a quarantined original an officer (<paramref name="officer"/>, a DN) released: de-identified like any
    /// other, its pixels as they are (no cleaning, Burned In Annotation as the original says), catalogued as released
    /// by that officer. One that still cannot be de-identified comes back quarantined and is not quarantined again.
    /// </summary>
    public Task<IngestResult> IngestReleasedAsync(DicomFile original, string source, string officer, CancellationToken cancellationToken) =>
        IngestDeidentifiedAsync(original, source, _deidentifier.Deidentify(original, source, PixelCleaning.ReleasedByOfficer, cancellationToken), officer, cancellationToken);

    private async Task<IngestResult> IngestDeidentifiedAsync(
        DicomFile original, string source, DeidentificationResult result, string? releasedBy, CancellationToken cancellationToken)
    {
        if (result.IsQuarantined && releasedBy is not null)
        {
            return IngestResult.Quarantined(result.Quarantine);
        }

        if (result.IsQuarantined)
        {
            try
            {
                await _quarantine.StoreAsync(original, source, result.Quarantine, result.QuarantinedRegions, cancellationToken);
            }
            catch (Exception ex) when (ex is ClusterException or ObjectStoreException or CatalogUnavailableException)
            {
                return Refused(source, ex);
            }

            BridgeLog.Quarantined(_logger, source, result.Quarantine.Code.ToString(), result.Quarantine.Detail);
            return IngestResult.Quarantined(result.Quarantine);
        }

        var report = result.Report;
        using (await _locks.AcquireAsync(report.SopInstanceUid, cancellationToken))
        {
            try
            {
                if (await _store.FindInstanceAsync(report.SopInstanceUid, cancellationToken) is not null)
                {
                    BridgeLog.AlreadyIngested(_logger, report.SopInstanceUid, source);
                    return IngestResult.Stored(report);
                }

                await StoreDeidentifiedAsync(result.File, report, source, releasedBy, cancellationToken);
            }
            catch (Exception ex) when (ex is ClusterException or ObjectStoreException or CatalogUnavailableException)
            {
                return Refused(source, ex);
            }
        }

        return IngestResult.Stored(report);
    }

    /// <summary>The one map from "a part is down" to the refusal the sender gets: nothing was catalogued, so it keeps the image and retries.</summary>
    private IngestResult Refused(string source, Exception ex)
    {
        BridgeLog.IngestRefused(_logger, source, ex.Message);
        // The object store's reason names no image: "object store full (QuotaExceeded)", "object store unavailable: ...".
        return IngestResult.Refused(DicomStatus.OutOfResources, ex switch
        {
            ObjectStoreException => ex.Message,
            CatalogUnavailableException => "catalog database unavailable",
            _ => "keystore cluster unavailable",
        });
    }

    private async Task StoreDeidentifiedAsync(
        DicomFile file, DeidentificationReport report, string source, string? releasedBy, CancellationToken cancellationToken)
    {
        var study = report.StudyInstanceUid ?? report.SopInstanceUid;
        var acl = _acl.For(source, report.PatientPseudonym);
        var path = ObjectNames.RelativePathOf(study, report.SopInstanceUid);
        using var key = await _keys.TakeAsync(acl, cancellationToken);
        var stored = await ObjectEncryption.WriteAsync(_objects, _cluster, path, key.Id, file, key.Key, cancellationToken);
        // Before the catalog entry, so a catalogued redacted image always has its review thumbnail.
        await _thumbnails.StoreAsync(file, report, cancellationToken);
        var entry = Describe(file, report, key.Id, stored.Path, stored.Size, acl.Rules, source) with { PixelRegions = report.PixelRegions, ReleasedBy = releasedBy };
        if (await _store.AddCatalogEntryAsync(entry, cancellationToken))
        {
            BridgeLog.Ingested(_logger, report.SopInstanceUid, source, key.Id.Value);
            return;
        }

        // Another bridge on the same catalog stored it first: its entry and object stand, and this ingest's key is an
        // unused one on the nodes, like a pooled key never taken. This ingest's object goes unless the winner's entry
        // names the same object (one folder shared by both bridges), which must then stay.
        var winner = await _store.FindInstanceAsync(report.SopInstanceUid, cancellationToken);
        if (winner is not null && !string.Equals(winner.ObjectPath, stored.Path, StringComparison.Ordinal))
        {
            await _objects.DeleteAsync(stored.Path, cancellationToken);
        }

        BridgeLog.StoredByAnotherBridge(_logger, report.SopInstanceUid, source, stored.Path);
    }

    private CatalogEntry Describe(
        DicomFile file, DeidentificationReport report, KeyId keyId, string path, long size, IReadOnlyList<string> acl, string source)
    {
        var dataset = file.Dataset;
        return new(
            report.SopInstanceUid,
            report.StudyInstanceUid ?? report.SopInstanceUid,
            report.SeriesInstanceUid ?? string.Empty,
            dataset.GetString(DicomTags.SOPClassUID) ?? string.Empty,
            file.TransferSyntax.Uid,
            report.PatientPseudonym,
            dataset.GetString(DicomTags.Modality) ?? string.Empty,
            dataset.GetString(DicomTags.BodyPartExamined) ?? string.Empty,
            dataset.GetString(DicomTags.StudyDate) ?? string.Empty,
            dataset.TryGetNumber<int>(DicomTags.SeriesNumber, out var series) ? series : null,
            dataset.TryGetNumber<int>(DicomTags.InstanceNumber, out var instance) ? instance : null,
            keyId.Value,
            path,
            size,
            acl,
            source,
            _time.GetUtcNow());
    }
}
