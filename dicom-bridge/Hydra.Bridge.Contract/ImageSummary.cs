namespace Hydra.Bridge.Contract;

/// <summary>
/// One image in the bridge's catalog as readers see it: pseudonymous identifiers, non-identifying metadata (shifted
/// study date, modality, body part), the key id that opens its ciphertext and the ciphertext's size.
/// </summary>
public sealed record ImageSummary(
    string SopInstanceUid,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopClassUid,
    string PatientPseudonym,
    string Modality,
    string BodyPart,
    string StudyDate,
    int? SeriesNumber,
    int? InstanceNumber,
    string KeyId,
    long Size);
