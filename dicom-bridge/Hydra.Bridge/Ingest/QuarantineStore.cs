using System.Security.Cryptography;
using Hydra.Bridge.Ingest.Registration;
using Hydra.Bridge.Storage;
using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Ingest;

/// <summary>
/// Originals that must not go out (burned-in annotation risk), kept encrypted like everything else: each under its
/// own key registered on the cluster with the quarantine ACL (officers), under <c>objects/quarantine/</c>. The original is
/// only ever in memory and in that ciphertext. The id is a keyed hash of the original SOP Instance UID, so a
/// re-sent original is kept once and its id reveals nothing.
/// </summary>
internal sealed class QuarantineStore
{
    private readonly KeyRegistrar _registrar;
    private readonly IObjectStore _objects;
    private readonly IBridgeStore _store;
    private readonly IngestAcl _acl;
    private readonly QuarantineIds _ids;
    private readonly InstanceLocks _locks;
    private readonly Hydra.Cluster.ClusterConfiguration _cluster;
    private readonly TimeProvider _time;

    public QuarantineStore(
        KeyRegistrar registrar,
        IObjectStore objects,
        IBridgeStore store,
        IngestAcl acl,
        QuarantineIds ids,
        InstanceLocks locks,
        Hydra.Cluster.ClusterConfiguration cluster,
        TimeProvider time)
    {
        _ids = ids;
        _locks = locks;
        _registrar = registrar;
        _objects = objects;
        _store = store;
        _acl = acl;
        _cluster = cluster;
        _time = time;
    }

    /// <param name="regions">The text regions pixel cleaning found (kept for the officer; never their text).</param>
    public async Task StoreAsync(
        DicomFile original, string source, QuarantineReason reason, IReadOnlyList<PixelRegion> regions, CancellationToken cancellationToken)
    {
        var id = _ids.For(original.Dataset.GetString(Hydra.Dicom.Dictionary.DicomTags.SOPInstanceUID));
        using (await _locks.AcquireAsync("quarantine:" + id, cancellationToken))
        {
            if (await _store.FindQuarantinedAsync(id, cancellationToken) is null)
            {
                await KeepAsync(original, id, source, reason, regions, cancellationToken);
            }
        }
    }

    private async Task KeepAsync(
        DicomFile original, string id, string source, QuarantineReason reason, IReadOnlyList<PixelRegion> regions, CancellationToken cancellationToken)
    {
        var keyId = KeyId.Parse("quarantine:" + id);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var registered = await _registrar.RegisterAsync(keyId, key, _acl.Quarantine, cancellationToken);
            CryptographicOperations.ZeroMemory(key);
            key = registered;
            var stored = await ObjectEncryption.WriteAsync(_objects, _cluster, ObjectNames.QuarantinePathOf(id), keyId, original, key, cancellationToken);
            await _store.PutQuarantineEntryAsync(
                new QuarantineEntry(id, keyId.Value, stored.Path, $"{reason.Code}: {reason.Detail}", source, _time.GetUtcNow())
                {
                    ReasonCode = reason.Code.ToString(),
                    Regions = regions,
                },
                cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
