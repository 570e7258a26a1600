using System.Net;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.X509;

namespace Hydra.Grid.Tls;

/// <summary>BouncyCastle client side of a grid TLS connection: TLS 1.3 or 1.2, AEAD suites only, h2 by ALPN.</summary>
internal sealed class GridTlsClient : DefaultTlsClient
{
    private readonly GridTlsClientOptions _options;
    private readonly BcTlsCrypto _crypto;
    private IReadOnlyList<X509Certificate> _serverChain = [];

    public GridTlsClient(GridTlsClientOptions options)
        : this(options, new GridTlsCrypto(new SecureRandom()))
    {
    }

    private GridTlsClient(GridTlsClientOptions options, BcTlsCrypto crypto)
        : base(crypto)
    {
        _options = options;
        _crypto = crypto;
    }

    public GridTlsSession CreateSession() => GridTlsSessions.Describe(m_context, _serverChain);

    protected override ProtocolVersion[] GetSupportedVersions() => GridTlsPolicy.SupportedVersions();

    protected override int[] GetSupportedCipherSuites() => GridTlsPolicy.CipherSuites(Crypto);

    protected override IList<ProtocolName>? GetProtocolNames() => GridTlsPolicy.ProtocolNames(_options.ApplicationProtocols);

    protected override IList<ServerName>? GetSniServerNames()
    {
        // SNI carries DNS names only (RFC 6066 section 3); an address is checked against the certificate instead.
        if (IPAddress.TryParse(_options.TargetHost, out _))
        {
            return null;
        }

        return [new ServerName(NameType.host_name, System.Text.Encoding.ASCII.GetBytes(_options.TargetHost))];
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    private sealed class Authentication(GridTlsClient owner) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
            var chain = GridTlsSessions.ToX509Chain(serverCertificate.Certificate);
            if (chain.Count == 0)
            {
                throw new TlsFatalAlert(AlertDescription.certificate_required);
            }

            var refusal = owner._options.ServerCertificateValidator(chain, owner._options.TargetHost);
            if (refusal is not null)
            {
                throw new TlsFatalAlert(
                    AlertDescription.bad_certificate,
                    new GridTlsException($"The server '{owner._options.TargetHost}' is not trusted: {refusal}"));
            }

            owner._serverChain = chain;
        }

        public TlsCredentials? GetClientCredentials(CertificateRequest certificateRequest)
        {
            var credential = owner._options.ClientCredential;
            if (credential is null)
            {
                return null;
            }

            var context = owner.m_context;
            var message = TlsSigning.CreateCertificateMessage(
                context, owner._crypto, credential, certificateRequest.GetCertificateRequestContext());
            return TlsSigning.CreateSigner(
                context, owner._crypto, credential, message, certificateRequest.SupportedSignatureAlgorithms);
        }
    }
}
