using Hydra.Dicom.Deidentification;

namespace Hydra.Bridge.Storage;

/// <summary>
/// One stored image as the catalog knows it: pseudonymous identifiers and non-identifying metadata only (shifted
/// dates, modality, body part), where its ciphertext lies, the ACL rules it was registered with, and what pixel cleaning
/// blanked or which officer released it.
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
    DateTimeOffset Ingested)
{
    /// <summary>The rectangles pixel cleaning blanked (never their text); empty for images with none and for older entries.</summary>
    public IReadOnlyList<PixelRegion> PixelRegions { get; init; } = [];

    /// <summary>The officer (DN) who released this image from quarantine with its pixels as they were; null otherwise.</summary>
    public string? ReleasedBy { get; init; }
}
