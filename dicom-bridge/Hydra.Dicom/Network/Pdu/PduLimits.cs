namespace Hydra.Dicom.Network.Pdu;

/// <summary>Hard limits on received PDU lengths, enforced from the header before the body is read.</summary>
internal readonly record struct PduLimits(uint MaxAssociatePduLength, uint MaxDataPduLength)
{
    /// <summary>The longest PDU read even when "no limit" (0) was announced: 64 MiB, far above what any peer sends.</summary>
    public const uint HardMaximum = 64 * 1024 * 1024;
}
