using System.Globalization;
using Hydra.Bridge.Patients;
using Hydra.Bridge.Readers;
using Hydra.Bridge.Storage;
using Hydra.Cluster;

namespace Hydra.Bridge.Portal;

/// <summary>
/// What a reader signed in to the portal with a token may see: the catalogued studies their groups may read
/// (<see cref="CatalogAccess.MayRead"/>), de-identified as stored. Keys are rebuilt with the reader's own token
/// (<see cref="ReaderCredential"/>), so the nodes decide by the reader's ACL and audit the reader with the bridge as
/// delegate, exactly as for a DICOMweb bearer reader. Whatever the reader may not read is answered as missing, and the
/// nodes are not asked for it.
/// </summary>
internal sealed class ReaderRecords
{
    private readonly IBridgeStore _store;
    private readonly CatalogAccess _catalog;
    private readonly DecryptedImages _images;
    private readonly KeystoreCluster _cluster;
    private readonly ILogger _logger;

    public ReaderRecords(IBridgeStore store, CatalogAccess catalog, DecryptedImages images, KeystoreCluster cluster, ILogger<ReaderRecords> logger)
    {
        _store = store;
        _catalog = catalog;
        _images = images;
        _cluster = cluster;
        _logger = logger;
    }

    /// <summary>The studies the reader may read, newest first, with their dates as stored (shifted where the source shifts dates).</summary>
    public async Task<IReadOnlyList<PatientStudy>> StudiesAsync(ReaderCaller reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return CatalogStudies.Studies((await _store.CatalogEntriesAsync(cancellationToken)).Where(e => _catalog.MayRead(e, reader.Identity)), StoredDate);
    }

    /// <summary>The series of a study, of the images the reader may read; null when they may read none of it.</summary>
    public async Task<IReadOnlyList<PatientSeries>?> SeriesAsync(ReaderCaller reader, string studyInstanceUid, CancellationToken cancellationToken) =>
        await ReadableAsync(reader, studyInstanceUid, cancellationToken) is { } entries ? CatalogStudies.Series(entries) : null;

    /// <summary>One image, decrypted with its key rebuilt for the reader; null when they may not read it or the nodes refuse.</summary>
    public async Task<byte[]?> OpenImageAsync(ReaderCaller reader, string sopInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var subject = reader.Identity.SubjectText;
        if (await _images.FindReadableAsync(sopInstanceUid, reader.Identity, cancellationToken) is not { } entry)
        {
            PortalLog.NotReadable(_logger, subject, "image", sopInstanceUid);
            return null;
        }

        try
        {
            using var image = await _images.OpenAsync(entry, reader.OnBehalfOf, cancellationToken);
            var bytes = await image.ReadAllAsync(cancellationToken);
            BridgeLog.DicomServed(_logger, subject, sopInstanceUid);
            return bytes.ToArray();
        }
        catch (ClusterException ex)
        {
            // The nodes refused what the catalog allowed (a rule changed there): for the reader, as missing.
            BridgeLog.DelegatedKeyRefused(_logger, subject, sopInstanceUid, entry.KeyId, ex.Message);
            return null;
        }
    }

    /// <summary>Writes the study's images the reader may read as a zip; false (nothing written) when they may read none.</summary>
    public async Task<bool> WriteStudyZipAsync(ReaderCaller reader, string studyInstanceUid, Stream output, CancellationToken cancellationToken)
    {
        if (await ReadableAsync(reader, studyInstanceUid, cancellationToken) is not { } entries)
        {
            return false;
        }

        var (written, refused) = await StudyZip.WriteAsync(_images, entries, reader.OnBehalfOf.Delegate(_cluster), output, cancellationToken);
        PortalLog.ReaderStudyZipped(_logger, reader.Identity.SubjectText, studyInstanceUid, written, refused);
        return true;
    }

    private async Task<List<CatalogEntry>?> ReadableAsync(ReaderCaller reader, string studyInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        var entries = (await _store.StudyEntriesAsync(studyInstanceUid, cancellationToken)).Where(e => _catalog.MayRead(e, reader.Identity)).ToList();
        if (entries.Count > 0)
        {
            return entries;
        }

        PortalLog.NotReadable(_logger, reader.Identity.SubjectText, "study", studyInstanceUid);
        return null;
    }

    private static DateOnly? StoredDate(CatalogEntry entry) =>
        DateOnly.TryParseExact(entry.StudyDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
