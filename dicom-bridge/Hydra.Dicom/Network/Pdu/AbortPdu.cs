namespace Hydra.Dicom.Network.Pdu;

/// <summary>A-ABORT (PS3.8 9.3.8): who aborted (0 service user, 2 service provider) and, for the provider, why.</summary>
internal sealed record AbortPdu(DicomAbortSource Source, DicomPduReason Reason);
