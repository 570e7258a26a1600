using System.Security.Cryptography.X509Certificates;

namespace Hydra.Dicom.Network.Tls;

/// <summary>A peer identified by an X.509 end-entity certificate, with the chain that validated it (leaf first).</summary>
public sealed record DicomCertificateIdentity(X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Chain) : IDicomPeerIdentity
{
    /// <summary>The certificate subject, e.g. "CN=Alice Reader, O=Hospital, DC=hydra-dev, DC=org".</summary>
    public string Name => Certificate.Subject;
}
