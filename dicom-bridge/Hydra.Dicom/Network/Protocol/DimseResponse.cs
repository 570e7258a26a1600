using Hydra.Dicom.Network.Dimse;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>A response received for a request this side sent, with its data set if it had one.</summary>
internal sealed record DimseResponse(DimseCommand Command, DicomDataset? Dataset);
