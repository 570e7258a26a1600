using System.Globalization;
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
    private readonly IBridgeStore _store;
    private readonly DecryptedImages _images;
    private readonly KeystoreCluster _cluster;
    private readonly StudyRevoker _revoker;
    private readonly PatientSignIn _signIn;
    private readonly PatientAuditReader _audit;
    private readonly DicomDeidentifier _deidentifier;
    private readonly BridgePatientOptions _options;
    private readonly ILogger _logger;

    public PatientRecords(
        IBridgeStore store,
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

    public async Task<IReadOnlyList<PatientStudy>> StudiesAsync(PatientSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return CatalogStudies.Studies(await _store.PatientEntriesAsync(session.Patient.Value, cancellationToken), e => RealDate(e, session));
    }

    public async Task<IReadOnlyList<PatientSeries>?> SeriesAsync(PatientSession session, string studyInstanceUid, CancellationToken cancellationToken)
    {
        var entries = await StudyOfAsync(session, studyInstanceUid, cancellationToken);
        return entries is null ? null : CatalogStudies.Series(entries);
    }

    public async Task<byte[]?> OpenImageAsync(PatientSession session, string sopInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var entry = await _store.FindInstanceAsync(sopInstanceUid, cancellationToken);
        if (entry is null || !IsTheirs(entry, session))
        {
            PatientLog.NotTheirs(_logger, session.Patient.Value, "image", sopInstanceUid);
            return null;
        }

        using var image = await _images.OpenAsync(entry, _cluster.OnBehalfOfPatient(session.Patient), cancellationToken);
        var bytes = await image.ReadAllAsync(cancellationToken);
        PatientLog.ImageOpened(_logger, session.Patient.Value, sopInstanceUid);
        return bytes.ToArray();
    }

    public async Task<bool> WriteStudyZipAsync(PatientSession session, string studyInstanceUid, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var entries = await StudyOfAsync(session, studyInstanceUid, cancellationToken);
        if (entries is null)
        {
            return false;
        }

        var (written, refused) = await StudyZip.WriteAsync(_images, entries, _cluster.OnBehalfOfPatient(session.Patient), output, cancellationToken);
        PatientLog.StudyZipped(_logger, session.Patient.Value, studyInstanceUid, written, refused);
        return true;
    }

    public async Task<AccessLog> AccessLogAsync(PatientSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var entries = (await _store.PatientEntriesAsync(session.Patient.Value, cancellationToken)).ToList();
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

        var entries = await StudyOfAsync(session, studyInstanceUid, cancellationToken);
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
    private async Task<List<CatalogEntry>?> StudyOfAsync(PatientSession session, string studyInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        var entries = (await _store.StudyEntriesAsync(studyInstanceUid, cancellationToken)).Where(e => IsTheirs(e, session)).ToList();
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
}
