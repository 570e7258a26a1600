using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Hydra.Dicom.Network.Tls;

/// <summary>
/// The default DICOM TLS client side on .NET <see cref="SslStream"/>: presents <see cref="ClientCertificate"/> (if
/// any) and accepts a server certificate only if it chains to one of <see cref="TrustAnchors"/>.
/// </summary>
public sealed class SslStreamTlsConnector : IDicomTlsConnector
{
    public SslStreamTlsConnector(X509Certificate2? clientCertificate, X509Certificate2Collection trustAnchors)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        ClientCertificate = clientCertificate;
        TrustAnchors = trustAnchors;
    }

    public X509Certificate2? ClientCertificate { get; }

    public X509Certificate2Collection TrustAnchors { get; }

    /// <summary>Revocation checking of the server chain. Default <see cref="X509RevocationMode.NoCheck"/>.</summary>
    public X509RevocationMode RevocationMode { get; init; } = X509RevocationMode.NoCheck;

    public async Task<DicomTlsConnection> ConnectAsync(Stream network, string host, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                ClientCertificates = ClientCertificate is null ? null : [ClientCertificate],
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = CertificateTrust.Callback(TrustAnchors, RevocationMode, required: true),
            }, cancellationToken).ConfigureAwait(false);
            CertificateTrust.TryValidate(ssl.RemoteCertificate, TrustAnchors, RevocationMode, out var chain, out _);
            return new DicomTlsConnection(ssl, chain.Count > 0 ? new DicomCertificateIdentity(chain[0], chain) : null);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
