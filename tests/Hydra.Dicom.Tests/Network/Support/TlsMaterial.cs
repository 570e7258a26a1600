using System.Security.Cryptography.X509Certificates;
using Hydra.CertsDev;
using Hydra.Dicom.Network.Tls;
using Hydra.Testing.Pki;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>DICOM TLS set up from the dev PKI: the bridge host certificate for our server, user certificates for clients.</summary>
public static class TlsMaterial
{
    public static X509Certificate2Collection Anchors(DevPkiFixture pki) =>
        [X509Certificate2.CreateFromPem(File.ReadAllText(pki.Pki.CaCertificatePath))];

    public static X509Certificate2 Load(DevCredential credential) =>
        X509Certificate2.CreateFromPemFile(credential.CertificatePath, credential.KeyPath);

    public static SslStreamTlsAcceptor Acceptor(DevPkiFixture pki) => new(Load(pki.Pki.Host("bridge")), Anchors(pki));

    public static SslStreamTlsConnector Connector(DevPkiFixture pki, string user) => new(Load(pki.Pki.User(user)), Anchors(pki));
}
