using System.Net;

namespace Hydra.Dicom.Network.Tls;

/// <summary>
/// Turns an accepted TCP stream into a TLS one (PS3.15 B.1, secure transport on its own port) and says who the peer
/// is. <see cref="SslStreamTlsAcceptor"/> is the .NET default; the bridge plugs in its grid TLS (which also accepts
/// RFC 3820 proxy certificates) through the same interface.
/// </summary>
public interface IDicomTlsAcceptor
{
    /// <summary>
    /// Performs the server side of the handshake on <paramref name="network"/>. Throws (any exception) to refuse the
    /// peer; the server logs the message and closes the connection, or only closes it for a
    /// <see cref="DicomTlsRefusedException"/> (the acceptor reported the refusal itself).
    /// </summary>
    Task<DicomTlsConnection> AcceptAsync(Stream network, EndPoint? remoteEndPoint, CancellationToken cancellationToken);
}
