using System.IO.Compression;
using Hydra.Access;
using Hydra.Bridge.Patients;

namespace Hydra.Bridge.Tests.Portal;

/// <summary>
/// TEST DOUBLE of <see cref="IPatientRecords"/> over fixed data, for the portal's web-layer tests only (the real
/// records, over the catalog and the nodes, are the patient services' and are exercised end to end). Patient A owns
/// one study with one real (rendered) image; patient B owns another; the access log carries hostile text.
/// </summary>
internal sealed class FixedPatientRecords : IPatientRecords
{
    public const string StudyA = "2.25.1001";
    public const string SopA = "2.25.1001.1.1";
    public const string StudyB = "2.25.2002";
    public const string SopB = "2.25.2002.1.1";
    public const string Hostile = "<script>alert('x')</script> & \"Dr Evil\"";

    private readonly byte[] _image;
    private int _withdrawals;

    public FixedPatientRecords(byte[] image) => _image = image;

    public static PatientPseudonym PatientA { get; } = new("HYD-TESTPATIENTA");

    public static PatientPseudonym PatientB { get; } = new("HYD-TESTPATIENTB");

    public bool MayWithdraw => true;

    /// <summary>Withdrawals that reached the records (a refused form must leave this at zero).</summary>
    public int Withdrawals => Volatile.Read(ref _withdrawals);

    public PatientSession SignIn(string hospitalPatientId) => hospitalPatientId switch
    {
        "ZQXHYDRAMARK-MRN" => new PatientSession(PatientA, -3),
        "HOSP-B-0002" => new PatientSession(PatientB, 7),
        _ => new PatientSession(new PatientPseudonym("HYD-TESTSTRANGER"), null),
    };

    public Task<IReadOnlyList<PatientStudy>> StudiesAsync(PatientSession session, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PatientStudy>>(
            session.Patient == PatientA ? [new PatientStudy(StudyA, new DateOnly(2024, 3, 15), ["CT", "<b>MR</b>"], 1, 1)]
            : session.Patient == PatientB ? [new PatientStudy(StudyB, null, ["US"], 1, 1)]
            : []);

    public Task<IReadOnlyList<PatientSeries>?> SeriesAsync(PatientSession session, string studyInstanceUid, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PatientSeries>?>(
            Owns(session, studyInstanceUid) is { } sop ? [new PatientSeries(studyInstanceUid + ".1", 1, "CT", "CHEST", 1, sop)] : null);

    public Task<byte[]?> OpenImageAsync(PatientSession session, string sopInstanceUid, CancellationToken cancellationToken) =>
        Task.FromResult((session.Patient == PatientA && sopInstanceUid == SopA) || (session.Patient == PatientB && sopInstanceUid == SopB) ? _image : null);

    public async Task<bool> WriteStudyZipAsync(PatientSession session, string studyInstanceUid, Stream output, CancellationToken cancellationToken)
    {
        if (Owns(session, studyInstanceUid) is not { } sop)
        {
            return false;
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = zip.CreateEntry($"{sop}.dcm").Open())
        {
            // Into memory: the synchronous write blocks nothing.
            entry.Write(_image);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
        return true;
    }

    public Task<AccessLog> AccessLogAsync(PatientSession session, CancellationToken cancellationToken) => Task.FromResult(new AccessLog(
        [new AccessEvent(new DateTimeOffset(2026, 1, 2, 3, 4, 0, TimeSpan.Zero), Hostile, ["/hospital/radiology"], "the bridge", true, StudyA, null)],
        ["node3 <unreachable>"]));

    public Task<WithdrawResult?> WithdrawResearchAsync(PatientSession session, string studyInstanceUid, CancellationToken cancellationToken)
    {
        if (Owns(session, studyInstanceUid) is null)
        {
            return Task.FromResult<WithdrawResult?>(null);
        }

        Interlocked.Increment(ref _withdrawals);
        return Task.FromResult<WithdrawResult?>(new WithdrawResult(studyInstanceUid, ["fqan:/research"], 1, true));
    }

    private static string? Owns(PatientSession session, string studyInstanceUid) =>
        session.Patient == PatientA && studyInstanceUid == StudyA ? SopA
        : session.Patient == PatientB && studyInstanceUid == StudyB ? SopB
        : null;
}
