using Hydra.Dicom.Network.Pdu;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>The acceptor's answer to an A-ASSOCIATE-RQ: an A-ASSOCIATE-AC with the negotiated contexts, or a rejection.</summary>
internal sealed record NegotiationOutcome
{
    public AssociatePdu? Accept { get; init; }

    public AssociateRejectPdu? Reject { get; init; }

    public string RejectReason { get; init; } = string.Empty;

    public IReadOnlyList<DicomPresentationContext> Contexts { get; init; } = [];

    public IReadOnlyList<DicomRoleSelection> Roles { get; init; } = [];

    public int MaxOperations { get; init; } = 1;

    public static NegotiationOutcome Rejected(DicomRejectResult result, DicomRejectSource source, byte reason) => new()
    {
        Reject = new AssociateRejectPdu(result, source, reason),
        RejectReason = DicomRejectReasons.Describe(source, reason),
    };
}
