namespace Hydra.Dicom.Network.Pdu;

/// <summary>Why a PDU was refused; the values are the A-ABORT provider reasons of PS3.8 9.3.8 Table 9-26.</summary>
public enum DicomPduReason : byte
{
    /// <summary>Reason not specified (0).</summary>
    NotSpecified = 0,

    /// <summary>Unrecognized PDU: an unknown PDU type (1).</summary>
    UnrecognizedPdu = 1,

    /// <summary>Unexpected PDU: a valid PDU in the wrong state, e.g. P-DATA-TF before the association (2).</summary>
    UnexpectedPdu = 2,

    /// <summary>Unrecognized PDU parameter: an unknown item (4).</summary>
    UnrecognizedPduParameter = 4,

    /// <summary>Unexpected PDU parameter: a valid item where it does not belong (5).</summary>
    UnexpectedPduParameter = 5,

    /// <summary>Invalid PDU parameter value: a length, identifier or text that breaks the rules (6).</summary>
    InvalidPduParameterValue = 6,
}
