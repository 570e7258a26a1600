namespace Hydra.Dicom.Network.Protocol;

/// <summary>What a request handler answers last; the association sends it after retiring the operation.</summary>
internal sealed record FinalResponse(DicomStatus Status, string? ErrorComment = null, DicomSubOperationCounts? Counts = null,
    DicomDataset? Dataset = null);
