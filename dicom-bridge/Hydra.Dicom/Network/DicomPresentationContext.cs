namespace Hydra.Dicom.Network;

/// <summary>
/// A negotiated presentation context (PS3.8 7.1.1.13): its odd identifier, the abstract syntax (SOP class UID) that
/// was proposed, the outcome, and the one transfer syntax accepted (null unless accepted).
/// </summary>
public sealed record DicomPresentationContext(
    byte Id, string AbstractSyntax, DicomPresentationContextResult Result, DicomTransferSyntax? TransferSyntax)
{
    /// <summary>True when the acceptor accepted the context.</summary>
    public bool IsAccepted => Result == DicomPresentationContextResult.Acceptance && TransferSyntax is not null;
}
