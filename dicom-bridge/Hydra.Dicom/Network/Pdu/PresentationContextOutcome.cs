namespace Hydra.Dicom.Network.Pdu;

/// <summary>
/// A presentation context item of the A-ASSOCIATE-AC (PS3.8 9.3.3.2): the result and, when accepted, the transfer
/// syntax. Rejected contexts may come without a transfer syntax sub-item.
/// </summary>
internal sealed record PresentationContextOutcome(byte Id, DicomPresentationContextResult Result, string? TransferSyntax);
