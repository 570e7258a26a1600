namespace Hydra.Dicom.Network.Tls;

/// <summary>A connection after the TLS handshake: the stream to speak DICOM on and who the peer proved to be.</summary>
public sealed record DicomTlsConnection(Stream Stream, IDicomPeerIdentity? PeerIdentity);
