namespace Hydra.Dicom.Network;

/// <summary>
/// A DICOM network failure (PS3.8): the peer broke the protocol, rejected or aborted the association, or the
/// transport failed or timed out. Messages name what went wrong, never data set values.
/// </summary>
public class DicomNetworkException : DicomException
{
    public DicomNetworkException()
    {
    }

    public DicomNetworkException(string message)
        : base(message)
    {
    }

    public DicomNetworkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
