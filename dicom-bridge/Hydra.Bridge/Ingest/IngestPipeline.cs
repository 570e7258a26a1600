using System.Security.Cryptography;
using Hydra.Bridge.Storage;
using Hydra.Client;
using Hydra.Client.Cluster;
using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Services;

namespace Hydra.Bridge.Ingest;

/// <summary>
/// The C-STORE handler: de-identify, pick a fresh key, register its shares, encrypt, store the ciphertext and the
/// catalog entry, and only then acknowledge. Originals never touch the disk outside the (encrypted) quarantine.
/// </summary>
/// <remarks>
/// Order matters for crash safety: the key (durable on the write quorum, missed shares durably queued) and the object
/// (fsynced, atomically renamed) are made durable together, then the catalog entry (durable), then the answer. The
/// catalog entry is what makes an image exist: a crash before it leaves at most an object nothing refers to, which the
/// sender's retry overwrites; the retry finds the key already registered and reuses it (the object is then written
/// again under that key), and an image already catalogued is acknowledged again without new work (idempotent).
/// </remarks>
internal sealed class IngestPipeline : IDicomStoreHandler
{
    private readonly DicomDeidentifier _deidentifier;
    private readonly KeyRegistrar _registrar;
    private readonly ObjectStore _objects;
    private readonly BridgeStore _store;
    private readonly QuarantineStore _quarantine;
    private readonly IngestAcl _acl;
    private readonly ClusterConfiguration _cluster;
    private readonly InstanceLocks _locks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public IngestPipeline(
        DicomDeidentifier deidentifier,
        KeyRegistrar registrar,
        ObjectStore objects,
        BridgeStore store,
        QuarantineStore quarantine,
        IngestAcl acl,
        ClusterConfiguration cluster,
        InstanceLocks locks,
        TimeProvider time,
        ILogger<IngestPipeline> logger)
    {
        _deidentifier = deidentifier;
        _registrar = registrar;
        _objects = objects;
        _store = store;
        _quarantine = quarantine;
        _acl = acl;
        _cluster = cluster;
        _locks = locks;
        _time = time;
        _logger = logger;
    }

    public async Task<DicomStoreResult> StoreAsync(DicomStoreRequest request, CancellationToken cancellationToken)
    {
        var source = request.Association.CallingAeTitle;
        var dataset = await request.ReadDatasetAsync(cancellationToken);
        var original = new DicomFile(dataset, request.TransferSyntax, request.CreateFileMetaInformation());
        var result = _deidentifier.Deidentify(original, source);
        if (result.IsQuarantined)
        {
            try
            {
                await _quarantine.StoreAsync(original, source, result.Quarantine!, cancellationToken);
            }
            catch (ClusterException ex)
            {
                BridgeLog.IngestRefused(_logger, source, ex.Message);
                return new DicomStoreResult(DicomStatus.OutOfResources, "keystore cluster unavailable");
            }

            BridgeLog.Quarantined(_logger, source, result.Quarantine!.Code.ToString(), result.Quarantine.Detail);
            return DicomStoreResult.Success;
        }

        var report = result.Report!;
        using (await _locks.AcquireAsync(report.SopInstanceUid, cancellationToken))
        {
            if (_store.FindInstance(report.SopInstanceUid) is not null)
            {
                BridgeLog.AlreadyIngested(_logger, report.SopInstanceUid, source);
                return DicomStoreResult.Success;
            }

            try
            {
                await StoreDeidentifiedAsync(result.File!, report, source, cancellationToken);
            }
            catch (ClusterException ex)
            {
                BridgeLog.IngestRefused(_logger, source, ex.Message);
                return new DicomStoreResult(DicomStatus.OutOfResources, "keystore cluster unavailable");
            }
        }

        return DicomStoreResult.Success;
    }

    private async Task StoreDeidentifiedAsync(DicomFile file, DeidentificationReport report, string source, CancellationToken cancellationToken)
    {
        var study = report.StudyInstanceUid ?? report.SopInstanceUid;
        var keyId = KeyId.Parse(study + ":" + report.SopInstanceUid);
        var acl = _acl.For(source);
        var path = ObjectStore.RelativePathOf(study, report.SopInstanceUid);
        var key = RandomNumberGenerator.GetBytes(32);
        byte[]? registered = null;
        try
        {
            // Registration (a round trip to every node and their fsyncs) and the object (encryption and its fsync)
            // wait on different devices: run them together instead of one after the other.
            var registration = _registrar.RegisterAsync(keyId, key, acl.Entries, cancellationToken);
            var writing = WriteObjectAsync(path, keyId, file, key, cancellationToken);
            registered = await RegisteredOrRemoveAsync(registration, writing, path);
            var size = await writing;
            if (!CryptographicOperations.FixedTimeEquals(registered, key))
            {
                // An earlier unfinished attempt registered this key id: the object must be under that key.
                size = await WriteObjectAsync(path, keyId, file, registered, cancellationToken);
            }

            await _store.PutCatalogEntryAsync(Describe(file, report, keyId, path, size, acl.Rules, source), cancellationToken);
            BridgeLog.Ingested(_logger, report.SopInstanceUid, source, keyId.Value);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (registered is not null)
            {
                CryptographicOperations.ZeroMemory(registered);
            }
        }
    }

    /// <summary>
    /// The key registered, once the object's write has ended too (the key must stay intact until both are done); when
    /// registration failed, the object just written (under a key nobody holds, with no catalog entry) is removed.
    /// </summary>
    private async Task<byte[]> RegisteredOrRemoveAsync(Task<byte[]> registration, Task<long> writing, string path)
    {
        try
        {
            await Task.WhenAll(registration, writing);
        }
        catch when (registration.IsCompletedSuccessfully)
        {
            CryptographicOperations.ZeroMemory(await registration);
            throw;
        }
        catch when (writing.IsCompletedSuccessfully)
        {
            _objects.Delete(path);
            throw;
        }

        return await registration;
    }

    private Task<long> WriteObjectAsync(string path, KeyId keyId, DicomFile file, byte[] key, CancellationToken cancellationToken) =>
        ObjectEncryption.WriteAsync(_objects, _cluster, path, keyId, file, key, cancellationToken);

    private CatalogEntry Describe(
        DicomFile file, DeidentificationReport report, KeyId keyId, string path, long size, IReadOnlyList<string> acl, string source) => Describe(
        file.Dataset, file.TransferSyntax.Uid, report, keyId, path, size, acl, source);

    private CatalogEntry Describe(
        DicomDataset dataset, string transferSyntax, DeidentificationReport report, KeyId keyId, string path, long size,
        IReadOnlyList<string> acl, string source) => new(
        report.SopInstanceUid,
        report.StudyInstanceUid ?? report.SopInstanceUid,
        report.SeriesInstanceUid ?? string.Empty,
        dataset.GetString(DicomTags.SOPClassUID) ?? string.Empty,
        transferSyntax,
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
