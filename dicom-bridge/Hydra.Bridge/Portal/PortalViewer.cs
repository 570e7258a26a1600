using Hydra.Bridge.Patients;
using Hydra.Bridge.Readers;

namespace Hydra.Bridge.Portal;

/// <summary>
/// Whom a portal request is for, and what they may see: a patient (their own studies, by pseudonym, through
/// <see cref="IPatientRecords"/>) or a reader signed in with a token (the studies their groups may read, through
/// <see cref="ReaderRecords"/>). The shared pages (studies, study, image, zip) ask only this; the patient-only pages
/// (who opened my images, withdraw) take the patient's session. Anything not the viewer's is null, so one 404 page.
/// </summary>
internal abstract class PortalViewer
{
    /// <summary>Whether this is a reader: other wording, and no patient-only pages.</summary>
    public abstract bool IsReader { get; }

    public abstract Task<IReadOnlyList<PatientStudy>> StudiesAsync(CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<PatientSeries>?> SeriesAsync(string studyInstanceUid, CancellationToken cancellationToken);

    /// <summary>A decrypted image (a de-identified PS3.10 file), its key rebuilt for the viewer; null when not theirs.</summary>
    public abstract Task<byte[]?> OpenImageAsync(string sopInstanceUid, CancellationToken cancellationToken);

    /// <summary>Writes a study as a zip of de-identified PS3.10 files; false (nothing written) when not theirs.</summary>
    public abstract Task<bool> WriteStudyZipAsync(string studyInstanceUid, Stream output, CancellationToken cancellationToken);

    /// <summary>The signed-in viewer of <paramref name="context"/>, or null (anonymous, or a reader whose session ended).</summary>
    public static PortalViewer? Of(HttpContext context)
    {
        var services = context.RequestServices;
        if (PortalClaims.Session(context.User) is { } patient)
        {
            return new Patient(services.GetRequiredService<IPatientRecords>(), patient);
        }

        return services.GetRequiredService<PortalSessions>().Reader(PortalClaims.ReaderSessionId(context.User)) is { } reader
            ? new Reader(services.GetRequiredService<ReaderRecords>(), reader)
            : null;
    }

    private sealed class Patient(IPatientRecords records, PatientSession session) : PortalViewer
    {
        public override bool IsReader => false;

        public override Task<IReadOnlyList<PatientStudy>> StudiesAsync(CancellationToken cancellationToken) => records.StudiesAsync(session, cancellationToken);

        public override Task<IReadOnlyList<PatientSeries>?> SeriesAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
            records.SeriesAsync(session, studyInstanceUid, cancellationToken);

        public override Task<byte[]?> OpenImageAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
            records.OpenImageAsync(session, sopInstanceUid, cancellationToken);

        public override Task<bool> WriteStudyZipAsync(string studyInstanceUid, Stream output, CancellationToken cancellationToken) =>
            records.WriteStudyZipAsync(session, studyInstanceUid, output, cancellationToken);
    }

    private sealed class Reader(ReaderRecords records, ReaderCaller reader) : PortalViewer
    {
        public override bool IsReader => true;

        public override Task<IReadOnlyList<PatientStudy>> StudiesAsync(CancellationToken cancellationToken) => records.StudiesAsync(reader, cancellationToken);

        public override Task<IReadOnlyList<PatientSeries>?> SeriesAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
            records.SeriesAsync(reader, studyInstanceUid, cancellationToken);

        public override Task<byte[]?> OpenImageAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
            records.OpenImageAsync(reader, sopInstanceUid, cancellationToken);

        public override Task<bool> WriteStudyZipAsync(string studyInstanceUid, Stream output, CancellationToken cancellationToken) =>
            records.WriteStudyZipAsync(reader, studyInstanceUid, output, cancellationToken);
    }
}
