using System.Security.Cryptography;
using Hydra.Bridge.Ingest;
using Hydra.Bridge.Ingest.Registration;
using Hydra.Bridge.Storage;
using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Imaging;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Review;

/// <summary>
/// At ingest of an image whose pixels were redacted: a PNG of its redacted frame with the blanked regions outlined
/// (<see cref="ReviewThumbnail"/>), encrypted under its own key registered with the quarantine ACL (officers), under
/// <c>objects/review/</c>, indexed in LiteDB. Drawn from the already-redacted pixels, so it carries no text that
/// cleaning found; images without redactions cost nothing.
/// </summary>
internal sealed class ReviewThumbnails
{
    private readonly KeyRegistrar _registrar;
    private readonly IObjectStore _objects;
    private readonly IBridgeStore _store;
    private readonly IngestAcl _acl;
    private readonly Hydra.Cluster.ClusterConfiguration _cluster;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReviewThumbnails(
        KeyRegistrar registrar,
        IObjectStore objects,
        IBridgeStore store,
        IngestAcl acl,
        Hydra.Cluster.ClusterConfiguration cluster,
        TimeProvider time,
        ILogger<ReviewThumbnails> logger)
    {
        _registrar = registrar;
        _objects = objects;
        _store = store;
        _acl = acl;
        _cluster = cluster;
        _time = time;
        _logger = logger;
    }

    /// <summary>The key id of an image's review thumbnail.</summary>
    public static KeyId KeyIdOf(string sopInstanceUid) => KeyId.Parse("review:" + sopInstanceUid);

    /// <summary>Stores the thumbnail of <paramref name="redacted"/> when <paramref name="report"/> names blanked regions.</summary>
    /// <exception cref="Hydra.Cluster.ClusterException">The key could not be registered (the ingest is refused, as for the image's key).</exception>
    public async Task StoreAsync(DicomFile redacted, DeidentificationReport report, CancellationToken cancellationToken)
    {
        if (report.PixelRegions.Count == 0)
        {
            return;
        }

        byte[] png;
        try
        {
            png = ReviewThumbnail.Render(redacted, report.PixelRegions);
        }
        catch (DicomImagingException ex)
        {
            // The regions still go into the catalog; only the picture is missing.
            ReviewLog.ThumbnailNotRenderable(_logger, report.SopInstanceUid, ex.Message);
            await _store.PutReviewEntryAsync(new ReviewEntry(report.SopInstanceUid, null, null, _time.GetUtcNow()), cancellationToken);
            return;
        }

        var keyId = KeyIdOf(report.SopInstanceUid);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var registered = await _registrar.RegisterAsync(keyId, key, _acl.Quarantine, cancellationToken);
            CryptographicOperations.ZeroMemory(key);
            key = registered;
            var stored = await ObjectEncryption.WriteAsync(
                _objects, _cluster, ObjectNames.ReviewPathOf(report.SopInstanceUid), keyId, stream => stream.Write(png), key, cancellationToken);
            await _store.PutReviewEntryAsync(new ReviewEntry(report.SopInstanceUid, keyId.Value, stored.Path, _time.GetUtcNow()), cancellationToken);
            ReviewLog.ThumbnailStored(_logger, report.SopInstanceUid, keyId.Value, report.PixelRegions.Count);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
