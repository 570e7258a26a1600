namespace Hydra.Dicom.Network.Tls;

/// <summary>The client side of DICOM TLS: turns a connected TCP stream into a TLS one (PS3.15 B.1).</summary>
public interface IDicomTlsConnector
{
    /// <summary>Performs the client side of the handshake with <paramref name="host"/>; throws to give up.</summary>
    Task<DicomTlsConnection> ConnectAsync(Stream network, string host, CancellationToken cancellationToken);
}
