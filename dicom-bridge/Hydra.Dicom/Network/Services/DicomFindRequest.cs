namespace Hydra.Dicom.Network.Services;

/// <summary>One incoming C-FIND (PS3.4 C.4.1): the information model, the level and the identifier (keys to match and return).</summary>
public sealed record DicomFindRequest(DicomAssociationContext Association, ushort MessageId, ushort Priority, string InformationModel,
    DicomQueryLevel Level, DicomDataset Identifier);
