namespace Hydra.Dicom.Network.Tls;

/// <summary>
/// Thrown by an <see cref="IDicomTlsAcceptor"/> that has already reported the refused handshake itself (rate-limited
/// logs, metrics, audit): the server then closes the connection without logging it again, so a flood of refused
/// handshakes cannot flood the log.
/// </summary>
public sealed class DicomTlsRefusedException : Exception
{
    public DicomTlsRefusedException()
    {
    }

    public DicomTlsRefusedException(string message)
        : base(message)
    {
    }

    public DicomTlsRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
