namespace Hydra.Dicom.Network.Pdu;

/// <summary>Hard limits on received PDU lengths, enforced from the header before the body is read.</summary>
internal readonly record struct PduLimits(uint MaxAssociatePduLength, uint MaxDataPduLength);
