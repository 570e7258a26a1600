namespace Hydra.Dicom.Network.Services;

/// <summary>
/// One incoming C-GET or C-MOVE (PS3.4 C.4.2, C.4.3): the information model, level and identifier selecting what to
/// send, and for C-MOVE the destination AE title.
/// </summary>
public sealed record DicomRetrieveRequest(DicomAssociationContext Association, ushort MessageId, ushort Priority, string InformationModel,
    DicomQueryLevel Level, DicomDataset Identifier, string? MoveDestination)
{
    /// <summary>True for C-MOVE (sent to <see cref="MoveDestination"/>), false for C-GET (sent back on the same association).</summary>
    public bool IsMove => MoveDestination is not null;
}
