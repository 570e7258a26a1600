using Hydra.Access;

namespace Hydra.Bridge.Patients;

/// <summary>
/// A signed-in patient as the portal keeps them: the pseudonym and the date offset the de-identifier applied (null when
/// their images keep their dates), never the hospital's identifier.
/// </summary>
internal sealed record PatientSession(PatientPseudonym Patient, int? DateOffsetDays);

/// <summary>One of the patient's studies; <see cref="StudyDate"/> is the real date (the shift undone) when known.</summary>
internal sealed record PatientStudy(string StudyInstanceUid, DateOnly? StudyDate, IReadOnlyList<string> Modalities, int SeriesCount, int ImageCount);

/// <summary>One series of a patient's study, with the image the portal shows for it.</summary>
internal sealed record PatientSeries(
    string SeriesInstanceUid, int? SeriesNumber, string Modality, string BodyPart, int ImageCount, string FirstSopInstanceUid);

/// <summary>
/// One access to one of the patient's images, in plain words: who (a person's name, a token subject, or "you"), their
/// groups, through which service (the bridge, or directly), released or refused.
/// </summary>
internal sealed record AccessEvent(
    DateTimeOffset Time, string Who, IReadOnlyList<string> Groups, string Service, bool Released, string StudyInstanceUid, string? Reason);

/// <summary>The patient's access log, and the nodes whose trails could not be read (never hidden).</summary>
internal sealed record AccessLog(IReadOnlyList<AccessEvent> Events, IReadOnlyList<string> UnreachableNodes);

/// <summary>What a withdrawal changed: the principals denied, on how many keys, and whether every node took it.</summary>
internal sealed record WithdrawResult(string StudyInstanceUid, IReadOnlyList<string> Principals, int Keys, bool Complete);
