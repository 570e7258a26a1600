namespace Hydra.Dicom.Network;

/// <summary>The outcome of a C-GET or C-MOVE as the SCU saw it: final status, sub-operation counts, failed instances.</summary>
public sealed record DicomRetrieveResult(DicomStatus Status, DicomSubOperationCounts Counts, IReadOnlyList<string> FailedSopInstanceUids,
    string? ErrorComment);
