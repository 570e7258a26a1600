namespace Hydra.Dicom.Network.Pdu;

/// <summary>Display names of PDU types for errors and log lines.</summary>
internal static class PduNames
{
    public static string Describe(byte pduType) => pduType switch
    {
        (byte)PduType.AssociateRequest => "A-ASSOCIATE-RQ",
        (byte)PduType.AssociateAccept => "A-ASSOCIATE-AC",
        (byte)PduType.AssociateReject => "A-ASSOCIATE-RJ",
        (byte)PduType.DataTransfer => "P-DATA-TF",
        (byte)PduType.ReleaseRequest => "A-RELEASE-RQ",
        (byte)PduType.ReleaseResponse => "A-RELEASE-RP",
        (byte)PduType.Abort => "A-ABORT",
        0 => "(no PDU)",
        _ => $"unknown (type 0x{pduType:X2})",
    };
}
