using Hydra.Dicom.Network.Dimse;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>
/// A request received on an association: its command, its presentation context, and its data set, parsed
/// (identifiers) or streaming (C-STORE, through <see cref="Stream"/>). <see cref="DatasetError"/> says why a
/// data set that arrived could not be parsed.
/// </summary>
internal sealed record IncomingRequest(DicomPresentationContext Context, DimseCommand Command, DicomDataset? Dataset,
    StreamingDatasetSink? Stream, string? DatasetError = null);
