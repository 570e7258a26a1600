namespace Hydra.Dicom.Network;

/// <summary>The called peer rejected the association (A-ASSOCIATE-RJ, PS3.8 9.3.4).</summary>
public sealed class DicomAssociationRejectedException : DicomNetworkException
{
    public DicomAssociationRejectedException()
    {
    }

    public DicomAssociationRejectedException(string message)
        : base(message)
    {
    }

    public DicomAssociationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DicomAssociationRejectedException(DicomRejectResult result, DicomRejectSource source, byte reason)
        : base($"The association was rejected ({result}, {source}): {DicomRejectReasons.Describe(source, reason)}.")
    {
        Result = result;
        RejectSource = source;
        Reason = reason;
    }

    public DicomRejectResult Result { get; }

    public DicomRejectSource RejectSource { get; }

    /// <summary>The reason byte; its meaning depends on <see cref="RejectSource"/> (see <see cref="DicomRejectReasons"/>).</summary>
    public byte Reason { get; }
}
