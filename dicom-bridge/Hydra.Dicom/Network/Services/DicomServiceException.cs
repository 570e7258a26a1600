namespace Hydra.Dicom.Network.Services;

/// <summary>
/// Thrown by a handler to answer a request with a specific failure or warning status (e.g. 0124 not authorized,
/// A700 out of resources) and an error comment, instead of the generic 0110 processing failure. The comment goes to
/// the peer: it must not hold patient data.
/// </summary>
public sealed class DicomServiceException : DicomException
{
    public DicomServiceException()
    {
    }

    public DicomServiceException(string message)
        : base(message)
    {
    }

    public DicomServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DicomServiceException(DicomStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The status to answer. Default 0110 (processing failure).</summary>
    public DicomStatus Status { get; } = DicomStatus.ProcessingFailure;
}
