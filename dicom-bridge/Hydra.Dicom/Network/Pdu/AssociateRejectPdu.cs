namespace Hydra.Dicom.Network.Pdu;

/// <summary>A-ASSOCIATE-RJ (PS3.8 9.3.4): result, source and reason.</summary>
internal sealed record AssociateRejectPdu(DicomRejectResult Result, DicomRejectSource Source, byte Reason);
