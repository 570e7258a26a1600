namespace Hydra.Bridge.Storage;

/// <summary>
/// One stored image as the catalog knows it: pseudonymous identifiers and non-identifying metadata only (shifted
/// dates, modality, body part), where its ciphertext lies, and the ACL rules it was registered with.
/// </summary>
public sealed record CatalogEntry(
    string SopInstanceUid,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopClassUid,
    string TransferSyntaxUid,
    string PatientPseudonym,
    string Modality,
    string BodyPart,
    string StudyDate,
    int? SeriesNumber,
    int? InstanceNumber,
    string KeyId,
    string ObjectPath,
    long Size,
    IReadOnlyList<string> Acl,
    string Source,
    DateTimeOffset Ingested);
