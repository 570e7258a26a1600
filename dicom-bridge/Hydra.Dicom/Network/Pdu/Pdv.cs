namespace Hydra.Dicom.Network.Pdu;

/// <summary>
/// One presentation data value item of a P-DATA-TF (PS3.8 9.3.5.1, Annex E.2): the presentation context, the message
/// control header bits (command or data set, last fragment or not) and where the fragment lies in the PDU buffer.
/// </summary>
internal readonly record struct Pdv(byte PresentationContextId, bool IsCommand, bool IsLast, int Offset, int Length)
{
    /// <summary>Message control header bit 0: 1 = command, 0 = data set (PS3.8 E.2).</summary>
    public const byte CommandBit = 0x01;

    /// <summary>Message control header bit 1: 1 = last fragment (PS3.8 E.2).</summary>
    public const byte LastBit = 0x02;
}
