using System.Globalization;
using System.IO.Compression;
using Hydra.Bridge.Options;
using Hydra.Bridge.Readers;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Dicom.Deidentification;

namespace Hydra.Bridge.Patients;

/// <summary>
/// The patient services behind the portal. Every lookup starts from the catalog entries that carry the session's
/// pseudonym, so whatever UID a patient asks for, an image of someone else is answered as missing. Keys are rebuilt
/// through the patient's view of the cluster (<see cref="KeystoreCluster.OnBehalfOfPatient"/>): the nodes decide by the
/// patient's own principal and audit the patient with the bridge as delegate.
/// </summary>
/// <remarks>Key fetches throw <see cref="ClusterException"/> when the nodes refuse the patient or too few answer.</remarks>
internal sealed class PatientRecords : IPatientRecords
{
    /// <summary>Keys rebuilt per batch call while zipping: one GetShares per node for this many images.</summary>
    private const int ZipBatch = 32;

    private readonly BridgeStore _store;
    private readonly DecryptedImages _images;
    private readonly KeystoreCluster _cluster;
    private readonly StudyRevoker _revoker;
    private readonly PatientSignIn _signIn;
    private readonly PatientAuditReader _audit;
    private readonly DicomDeidentifier _deidentifier;
    private readonly BridgePatientOptions _options;
    private readonly ILogger _logger;

    public PatientRecords(
        BridgeStore store,
        DecryptedImages images,
        KeystoreCluster cluster,
        StudyRevoker revoker,
        PatientSignIn signIn,
        PatientAuditReader audit,
        DicomDeidentifier deidentifier,
        BridgeOptions options,
        ILogger<PatientRecords> logger)
    {
        _store = store;
        _images = images;
        _cluster = cluster;
        _revoker = revoker;
        _signIn = signIn;
        _audit = audit;
        _deidentifier = deidentifier;
        _options = options.Patients;
        _logger = logger;
    }

    public bool MayWithdraw => _options.MayWithdraw;

    public PatientSession SignIn(string hospitalPatientId)
    {
        var session = _signIn.SignIn(hospitalPatientId);
        PatientLog.SignedIn(_logger, session.Patient.Value);
        return session;
    }

    public IReadOnlyList<PatientStudy> Studies(PatientSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return [.. _store.PatientEntries(session.Patient.Value)
            .GroupBy(e => e.StudyInstanceUid, StringComparer.Ordinal)
            .Select(study => new PatientStudy(
                study.Key,
                study.Select(e => RealDate(e, session)).FirstOrDefault(d => d is not null),
                [.. study.Select(e => e.Modality).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                study.Select(e => e.SeriesInstanceUid).Distinct(StringComparer.Ordinal).Count(),
                study.Count()))
            .OrderByDescending(s => s.StudyDate ?? DateOnly.MinValue)
            .ThenBy(s => s.StudyInstanceUid, StringComparer.Ordinal)];
    }

    public IReadOnlyList<PatientSeries>? Series(PatientSession session, string studyInstanceUid)
    {
        var entries = StudyOf(session, studyInstanceUid);
        return entries is null ? null : [.. entries
            .GroupBy(e => e.SeriesInstanceUid, StringComparer.Ordinal)
            .Select(series => series.OrderBy(e => e.InstanceNumber ?? int.MaxValue).ThenBy(e => e.SopInstanceUid, StringComparer.Ordinal).ToList())
            .Select(series => new PatientSeries(
                series[0].SeriesInstanceUid, series[0].SeriesNumber, series[0].Modality, series[0].BodyPart, series.Count, series[0].SopInstanceUid))
            .OrderBy(s => s.SeriesNumber ?? int.MaxValue)
            .ThenBy(s => s.SeriesInstanceUid, StringComparer.Ordinal)];
    }

    public async Task<byte[]?> OpenImageAsync(PatientSession session, string sopInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var entry = _store.FindInstance(sopInstanceUid);
        if (entry is null || !IsTheirs(entry, session))
        {
            PatientLog.NotTheirs(_logger, session.Patient.Value, "image", sopInstanceUid);
            return null;
        }

        using var image = await _images.OpenAsync(entry, _cluster.OnBehalfOfPatient(session.Patient), cancellationToken);
        using var bytes = new MemoryStream(checked((int)Math.Min(entry.Size, int.MaxValue)));
        await image.CopyToAsync(bytes, cancellationToken);
        PatientLog.ImageOpened(_logger, session.Patient.Value, sopInstanceUid);
        return bytes.ToArray();
    }

    public async Task<bool> WriteStudyZipAsync(PatientSession session, string studyInstanceUid, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var entries = StudyOf(session, studyInstanceUid);
        if (entries is null)
        {
            return false;
        }

        var view = _cluster.OnBehalfOfPatient(session.Patient);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var written = 0;
        var refused = 0;
        await using var spool = new SpooledResponse(output);
        var zip = await ZipArchive.CreateAsync(spool, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (zip)
        {
            // Only ZipBatch images' keys are held at once, and each image streams from its object into the zip.
            foreach (var batch in entries.OrderBy(e => e.SeriesNumber ?? int.MaxValue).ThenBy(e => e.InstanceNumber ?? int.MaxValue).Chunk(ZipBatch))
            {
                foreach (var opening in await _images.OpenManyAsync(batch, view, cancellationToken))
                {
                    if (opening.Image is not { } image)
                    {
                        refused++;
                        continue;
                    }

                    using (image)
                    {
                        var file = zip.CreateEntry(ZipName(opening.Entry, names), CompressionLevel.Fastest);
                        var stream = await file.OpenAsync(cancellationToken);
                        await using (stream)
                        {
                            await image.CopyToAsync(stream, cancellationToken);
                        }
                    }

                    await spool.SendAsync(cancellationToken);

                    written++;
                }
            }
        }

        await spool.SendAsync(cancellationToken); // the central directory
        PatientLog.StudyZipped(_logger, session.Patient.Value, studyInstanceUid, written, refused);
        return true;
    }

    public async Task<AccessLog> AccessLogAsync(PatientSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var entries = _store.PatientEntries(session.Patient.Value).ToList();
        var log = await _audit.ReadAsync(session, entries, cancellationToken);
        PatientLog.AccessLogRead(_logger, session.Patient.Value, entries.Count, log.Events.Count, log.UnreachableNodes);
        return log;
    }

    public async Task<WithdrawResult?> WithdrawResearchAsync(PatientSession session, string studyInstanceUid, CancellationToken cancellationToken)
    {
        if (!_options.MayWithdraw)
        {
            throw new InvalidOperationException("This hospital does not let patients withdraw research access (Bridge:Patients:MayWithdraw is false).");
        }

        var entries = StudyOf(session, studyInstanceUid);
        if (entries is null)
        {
            return null;
        }

        // Made as the patient: the nodes check that the keys are theirs and that the change only adds denies, and
        // audit the patient with the bridge as delegate.
        bool complete;
        try
        {
            var incomplete = await _revoker.WithdrawAsync(session.Patient, entries, _options.ResearchPrincipals, cancellationToken);
            complete = incomplete.Count == 0;
        }
        catch (ClusterException ex)
        {
            // The keys done before stay denied; the patient is told it is incomplete and may try again.
            PatientLog.WithdrawalIncomplete(_logger, string.Join(", ", _options.ResearchPrincipals), studyInstanceUid, ex.Message);
            complete = false;
        }

        PatientLog.WithdrewResearch(_logger, session.Patient.Value, studyInstanceUid, _options.ResearchPrincipals, entries.Count, complete);
        return new WithdrawResult(studyInstanceUid, [.. _options.ResearchPrincipals], entries.Count, complete);
    }

    /// <summary>The patient's images of the study, or null (logged) when the patient has none in it.</summary>
    private List<CatalogEntry>? StudyOf(PatientSession session, string studyInstanceUid)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        var entries = _store.StudyEntries(studyInstanceUid).Where(e => IsTheirs(e, session)).ToList();
        if (entries.Count > 0)
        {
            return entries;
        }

        PatientLog.NotTheirs(_logger, session.Patient.Value, "study", studyInstanceUid);
        return null;
    }

    private static bool IsTheirs(CatalogEntry entry, PatientSession session) =>
        string.Equals(entry.PatientPseudonym, session.Patient.Value, StringComparison.Ordinal);

    /// <summary>The real study date: the shift undone where the image's source shifted dates, none where they were removed.</summary>
    private DateOnly? RealDate(CatalogEntry entry, PatientSession session)
    {
        if (!DateOnly.TryParseExact(entry.StudyDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var stored))
        {
            return null;
        }

        return _deidentifier.TemporalInformation(entry.Source) switch
        {
            LongitudinalTemporalInformation.Unmodified => stored,
            LongitudinalTemporalInformation.Modified when session.DateOffsetDays is { } offset => stored.AddDays(-offset),
            _ => null,
        };
    }

    /// <summary><c>SERIESNUMBER/INSTANCENUMBER.dcm</c>; the SOP Instance UID where a number is missing or taken.</summary>
    private static string ZipName(CatalogEntry entry, HashSet<string> taken)
    {
        var series = entry.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? entry.SeriesInstanceUid;
        var name = entry.InstanceNumber is { } instance ? $"{series}/{instance.ToString(CultureInfo.InvariantCulture)}.dcm" : null;
        if (name is null || !taken.Add(name))
        {
            name = $"{series}/{entry.SopInstanceUid}.dcm";
            taken.Add(name);
        }

        return name;
    }
}
