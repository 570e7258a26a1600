namespace Hydra.Bridge.Patients;

/// <summary>
/// What a signed-in patient may see and do, always by pseudonym: the pages of the patient portal call nothing else.
/// Every member scoped to a study or image answers null (or false) when it is not this patient's, so a page cannot
/// tell another patient's study from one that does not exist.
/// </summary>
internal interface IPatientRecords
{
    /// <summary>Whether the hospital lets patients withdraw research access (<c>Bridge:Patients:MayWithdraw</c>).</summary>
    bool MayWithdraw { get; }

    /// <summary>
    /// The session of the patient the hospital's identity provider named by <paramref name="hospitalPatientId"/>: their
    /// pseudonym and date offset, computed with the bridge secret. The identifier itself is not kept.
    /// </summary>
    PatientSession SignIn(string hospitalPatientId);

    /// <summary>The patient's studies, newest first.</summary>
    Task<IReadOnlyList<PatientStudy>> StudiesAsync(PatientSession session, CancellationToken cancellationToken);

    /// <summary>The series of one of the patient's studies, or null when the study is not theirs.</summary>
    Task<IReadOnlyList<PatientSeries>?> SeriesAsync(PatientSession session, string studyInstanceUid, CancellationToken cancellationToken);

    /// <summary>One of the patient's images, decrypted (a de-identified PS3.10 file), its key rebuilt for the patient; null when not theirs.</summary>
    Task<byte[]?> OpenImageAsync(PatientSession session, string sopInstanceUid, CancellationToken cancellationToken);

    /// <summary>Writes one of the patient's studies as a zip of de-identified PS3.10 files; false (nothing written) when not theirs.</summary>
    Task<bool> WriteStudyZipAsync(PatientSession session, string studyInstanceUid, Stream output, CancellationToken cancellationToken);

    /// <summary>Every release (and refusal) of the patient's keys, merged across nodes, newest first.</summary>
    Task<AccessLog> AccessLogAsync(PatientSession session, CancellationToken cancellationToken);

    /// <summary>Denies the configured research principals every key of one of the patient's studies; null when not theirs.</summary>
    /// <exception cref="InvalidOperationException">The hospital does not let patients withdraw (<see cref="MayWithdraw"/> is false).</exception>
    Task<WithdrawResult?> WithdrawResearchAsync(PatientSession session, string studyInstanceUid, CancellationToken cancellationToken);
}
