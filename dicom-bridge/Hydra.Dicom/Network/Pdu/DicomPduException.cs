using System.Globalization;

namespace Hydra.Dicom.Network.Pdu;

/// <summary>
/// A malformed or unexpected PDU (PS3.8 9.3): names the PDU type, the byte offset from the start of the PDU, the
/// field and the reason. <see cref="Reason"/> maps onto the A-ABORT reason sent to the peer (PS3.8 9.3.8).
/// </summary>
public sealed class DicomPduException : DicomNetworkException
{
    public DicomPduException()
    {
    }

    public DicomPduException(string message)
        : base(message)
    {
    }

    public DicomPduException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for <paramref name="reason"/> at <paramref name="offset"/> of a PDU of type <paramref name="pduType"/>.</summary>
    public DicomPduException(byte pduType, long offset, DicomPduReason reason, string detail)
        : base(Describe(pduType, offset, reason, detail))
    {
        PduType = pduType;
        Offset = offset;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>The PDU type byte as received (PS3.8 Table 9-11); 0 when no PDU header was read.</summary>
    public byte PduType { get; }

    /// <summary>Byte offset of the offending field from the start of the PDU.</summary>
    public long Offset { get; }

    /// <summary>What was wrong, as an A-ABORT reason.</summary>
    public DicomPduReason Reason { get; }

    /// <summary>The finding, e.g. "item length 300 exceeds the 120 bytes left in the presentation context item".</summary>
    public string Detail { get; } = string.Empty;

    private static string Describe(byte pduType, long offset, DicomPduReason reason, string detail) =>
        string.Create(CultureInfo.InvariantCulture, $"{PduNames.Describe(pduType)} PDU, offset {offset}: {reason}: {detail}");
}
