namespace Hydra.Dicom.Network.Services;

/// <summary>
/// A C-STORE handler's answer (PS3.4 B.2.3): a status (0000 success; B000, B006, B007 warnings; A7xx, A9xx, Cxxx
/// refusals) and an optional error comment (at most 64 characters are sent; never patient data).
/// </summary>
public sealed record DicomStoreResult(DicomStatus Status, string? ErrorComment = null)
{
    public static DicomStoreResult Success { get; } = new(DicomStatus.Success);

    public static implicit operator DicomStoreResult(DicomStatus status) => new(status);
}
