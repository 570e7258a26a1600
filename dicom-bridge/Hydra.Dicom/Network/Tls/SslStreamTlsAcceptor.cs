using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Hydra.Dicom.Network.Tls;

/// <summary>
/// The default DICOM TLS server side on .NET <see cref="SslStream"/>: presents <see cref="ServerCertificate"/>,
/// requires a client certificate that chains to one of <see cref="TrustAnchors"/> (end-entity certificates; proxy
/// certificates need the grid TLS layer), TLS 1.2 or 1.3.
/// </summary>
public sealed class SslStreamTlsAcceptor : IDicomTlsAcceptor
{
    public SslStreamTlsAcceptor(X509Certificate2 serverCertificate, X509Certificate2Collection trustAnchors)
    {
        ArgumentNullException.ThrowIfNull(serverCertificate);
        ArgumentNullException.ThrowIfNull(trustAnchors);
        if (!serverCertificate.HasPrivateKey)
        {
            throw new ArgumentException("The server certificate needs its private key.", nameof(serverCertificate));
        }

        ServerCertificate = serverCertificate;
        TrustAnchors = trustAnchors;
    }

    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The CA certificates client certificates must chain to.</summary>
    public X509Certificate2Collection TrustAnchors { get; }

    /// <summary>Whether a client certificate is required. Default true (PS3.15 B.1 authenticates both ends).</summary>
    public bool RequireClientCertificate { get; init; } = true;

    /// <summary>Revocation checking of client chains. Default <see cref="X509RevocationMode.NoCheck"/> (the dev PKI publishes no CRL endpoint).</summary>
    public X509RevocationMode RevocationMode { get; init; } = X509RevocationMode.NoCheck;

    public async Task<DicomTlsConnection> AcceptAsync(Stream network, EndPoint? remoteEndPoint, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = ServerCertificate,
                ClientCertificateRequired = RequireClientCertificate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = CertificateTrust.Callback(TrustAnchors, RevocationMode, RequireClientCertificate),
            }, cancellationToken).ConfigureAwait(false);
            if (ssl.RemoteCertificate is null)
            {
                return new DicomTlsConnection(ssl, null);
            }

            if (!CertificateTrust.TryValidate(ssl.RemoteCertificate, TrustAnchors, RevocationMode, out var chain, out var problem))
            {
                throw new AuthenticationException(problem);
            }

            return new DicomTlsConnection(ssl, new DicomCertificateIdentity(chain[0], chain));
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
