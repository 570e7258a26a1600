using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.X509;

namespace Hydra.Grid.Tls;

/// <summary>
/// BouncyCastle server side of a grid TLS connection. It asks for a client certificate and keeps the whole chain the
/// client sent; BouncyCastle itself proves the client holds the leaf's key (CertificateVerify). Path validation of
/// the chain, proxies included, is the application's, so that refusals reach the caller as readable errors.
/// </summary>
internal sealed class GridTlsServer : DefaultTlsServer
{
    private readonly GridTlsServerOptions _options;
    private readonly BcTlsCrypto _crypto;
    private IReadOnlyList<X509Certificate> _clientChain = [];

    public GridTlsServer(GridTlsServerOptions options)
        : this(options, new GridTlsCrypto(new SecureRandom()))
    {
    }

    private GridTlsServer(GridTlsServerOptions options, BcTlsCrypto crypto)
        : base(crypto)
    {
        _options = options;
        _crypto = crypto;
    }

    /// <summary>True once the server refused the client for sending no certificate.</summary>
    public bool RefusedMissingCertificate { get; private set; }

    public GridTlsSession CreateSession() => GridTlsSessions.Describe(m_context, _clientChain);

    protected override ProtocolVersion[] GetSupportedVersions() => GridTlsPolicy.SupportedVersions();

    protected override int[] GetSupportedCipherSuites() =>
        GridTlsPolicy.ServerCipherSuites(Crypto, _options.ServerCredential.PrivateKey);

    protected override IList<ProtocolName>? GetProtocolNames() => GridTlsPolicy.ProtocolNames(_options.ApplicationProtocols);

    public override TlsCredentials GetCredentials()
    {
        var message = TlsSigning.CreateCertificateMessage(m_context, _crypto, _options.ServerCredential, requestContext: null);
        return TlsSigning.CreateSigner(
            m_context, _crypto, _options.ServerCredential, message, m_context.SecurityParameters.ClientSigAlgs);
    }

    public override CertificateRequest GetCertificateRequest()
    {
        var algorithms = TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context);
        if (TlsUtilities.IsTlsV13(m_context))
        {
            return new CertificateRequest(TlsUtilities.EmptyBytes, algorithms, null, null);
        }

        short[] types = [ClientCertificateType.rsa_sign, ClientCertificateType.ecdsa_sign];
        return new CertificateRequest(types, algorithms, null);
    }

    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        if (clientCertificate is null || clientCertificate.IsEmpty)
        {
            if (_options.RequireClientCertificate)
            {
                RefusedMissingCertificate = true;
                var description = TlsUtilities.IsTlsV13(m_context)
                    ? AlertDescription.certificate_required
                    : AlertDescription.handshake_failure;
                throw new TlsFatalAlert(description, "A client certificate is required.");
            }

            return;
        }

        if (clientCertificate.Length > _options.MaxClientChainLength)
        {
            throw new TlsFatalAlert(
                AlertDescription.bad_certificate,
                $"The client chain has {clientCertificate.Length} certificates; at most {_options.MaxClientChainLength} are accepted.");
        }

        _clientChain = GridTlsSessions.ToX509Chain(clientCertificate);
    }
}
