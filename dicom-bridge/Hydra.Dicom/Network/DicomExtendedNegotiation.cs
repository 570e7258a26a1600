namespace Hydra.Dicom.Network;

/// <summary>
/// SOP Class Extended Negotiation proposed by the requestor (PS3.7 D.3.3.5): the SOP class and its
/// service-class-specific bytes, kept as received. Hydra answers none of them, which means "not supported".
/// </summary>
public sealed record DicomExtendedNegotiation(string SopClassUid, ReadOnlyMemory<byte> ApplicationInformation);
