using Hydra.Bridge.Readers;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Dicom;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>
/// What every WADO-RS resource does first: authenticate the reader, check the path's UIDs, find the instances it may
/// read (the catalog decides; the nodes are not asked about anything else), then open them one at a time, each key
/// rebuilt on the reader's behalf (after the first, in batches: <see cref="KeyBatches"/>).
/// </summary>
internal sealed class WadoInstances
{
    private readonly ReaderAuthentication _readers;
    private readonly IBridgeStore _store;
    private readonly CatalogAccess _catalog;
    private readonly DecryptedImages _images;
    private readonly ILogger _logger;

    public WadoInstances(ReaderAuthentication readers, IBridgeStore store, CatalogAccess catalog, DecryptedImages images, ILogger<WadoInstances> logger)
    {
        _readers = readers;
        _store = store;
        _catalog = catalog;
        _images = images;
        _logger = logger;
    }

    public ILogger Logger => _logger;

    /// <summary>The reader and the readable instances under <paramref name="target"/> (series, then instance number), or the refusal.</summary>
    public async Task<WadoStart> BeginAsync(HttpContext context, WadoTarget target, CancellationToken cancellationToken)
    {
        var check = await _readers.AuthenticateAsync(context, cancellationToken);
        if (!check.Passed)
        {
            return new WadoStart(null, [], check.Refusal);
        }

        if (target.CheckUids() is { } badUid)
        {
            return new WadoStart(null, [], badUid);
        }

        var identity = check.Reader.Identity;
        IEnumerable<CatalogEntry> candidates = target.Instance is not null
            ? await _store.FindInstanceAsync(target.Instance, cancellationToken) is { } one ? [one] : []
            : await _store.StudyEntriesAsync(target.Study, cancellationToken);
        List<CatalogEntry> entries = [.. candidates.Where(e => target.Holds(e) && _catalog.MayRead(e, identity))
            .OrderBy(e => e.SeriesNumber ?? int.MaxValue).ThenBy(e => e.SeriesInstanceUid, StringComparer.Ordinal)
            .ThenBy(e => e.InstanceNumber ?? int.MaxValue).ThenBy(e => e.SopInstanceUid, StringComparer.Ordinal)];
        return entries.Count == 0
            ? new WadoStart(null, [], ReaderEndpoints.Problem(StatusCodes.Status404NotFound, target.NotFound))
            : new WadoStart(check.Reader, entries, null);
    }

    /// <summary>The image with its key rebuilt for <paramref name="reader"/>, or the answer to give when the nodes would not.</summary>
    public async Task<(DecryptedImage? Image, IResult? Refusal)> OpenAsync(CatalogEntry entry, ReaderCaller reader, CancellationToken cancellationToken)
    {
        try
        {
            return (await _images.OpenAsync(entry, reader.OnBehalfOf, cancellationToken), null);
        }
        catch (ClusterException ex)
        {
            // The reader may list this image, so saying the nodes refused reveals nothing it does not know.
            BridgeLog.DelegatedKeyRefused(_logger, reader.Identity.SubjectText, entry.SopInstanceUid, entry.KeyId, ex.Message);
            return (null, ex.IsAccessDenied
                ? ReaderEndpoints.Problem(StatusCodes.Status403Forbidden, $"The keystore nodes refused you the key of '{entry.SopInstanceUid}': {ex.Message}")
                : ReaderEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, $"The key of '{entry.SopInstanceUid}' could not be rebuilt now: {ex.Message}"));
        }
    }

    /// <summary>The images of <paramref name="entries"/>, their keys rebuilt for <paramref name="reader"/> in one batch call per node.</summary>
    public async Task<ImageOpening?[]> OpenManyAsync(IReadOnlyList<CatalogEntry> entries, ReaderCaller reader, CancellationToken cancellationToken) =>
        await _images.OpenManyAsync(entries, reader.OnBehalfOf, cancellationToken);

    /// <summary>One decrypted instance parsed in memory (one at a time: the caller drops it before the next).</summary>
    public static async Task<DicomFile> ReadAsync(DecryptedImage image, CancellationToken cancellationToken) =>
        DicomFile.Read(await image.ReadAllAsync(cancellationToken));

    /// <summary>
    /// The single instance <paramref name="target"/> names, opened and parsed, or the refusal (authentication, bad UID,
    /// 404, <paramref name="check"/>'s answer, key refused). For frames, bulk data, rendered images and thumbnails: at study or series level, the
    /// representative instance is the middle one of the first series.
    /// </summary>
    public async Task<(ReaderCaller? Reader, CatalogEntry? Entry, DicomFile? File, IResult? Refusal)> ReadOneAsync(
        HttpContext context, WadoTarget target, Func<CatalogEntry, IResult?> check, CancellationToken cancellationToken)
    {
        var start = await BeginAsync(context, target, cancellationToken);
        if (start.Refusal is not null)
        {
            return (null, null, null, start.Refusal);
        }

        var series = start.Entries.Where(e => e.SeriesInstanceUid == start.Entries[0].SeriesInstanceUid).ToList();
        var entry = series[series.Count / 2];
        if (check(entry) is { } refused)
        {
            // Checked before the key is rebuilt: a request that cannot be served does not cost the nodes a fetch.
            return (null, null, null, refused);
        }

        var (image, refusal) = await OpenAsync(entry, start.Reader!, cancellationToken);
        if (image is null)
        {
            return (null, null, null, refusal);
        }

        using (image)
        {
            return (start.Reader, entry, await ReadAsync(image, cancellationToken), null);
        }
    }
}

/// <summary>The outcome of <see cref="WadoInstances.BeginAsync"/>: the reader and its instances, or the refusal.</summary>
internal sealed record WadoStart(ReaderCaller? Reader, IReadOnlyList<CatalogEntry> Entries, IResult? Refusal);
