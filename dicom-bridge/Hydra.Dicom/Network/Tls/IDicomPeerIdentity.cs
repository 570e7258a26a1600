namespace Hydra.Dicom.Network.Tls;

/// <summary>
/// Who the peer proved to be during the TLS handshake. The default implementation is
/// <c>DicomCertificateIdentity</c>; a grid TLS layer returns its own type (e.g. with proxy chain and VOMS
/// attributes), which handlers cast to.
/// </summary>
public interface IDicomPeerIdentity
{
    /// <summary>A display name for logs and audit, e.g. the certificate subject DN.</summary>
    string Name { get; }
}
