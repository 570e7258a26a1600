using Hydra.Hosting;
using System.Net;
using Hydra.Client.Tls;
using Hydra.Dicom.Network.Tls;

namespace Hydra.Bridge.Readers;

/// <summary>
/// DICOM TLS (PS3.15 B.1) on the grid TLS stack, so readers may present end-entity certificates or RFC 3820 proxies;
/// the chain is validated like the keystore validates it (CA and CRLs, proxy path, VOMS attributes).
/// </summary>
internal sealed class GridTlsAcceptor : IDicomTlsAcceptor
{
    private readonly GridTlsServerOptions _options;
    private readonly CredentialAuthenticator _authenticator;
    private readonly TimeProvider _time;

    public GridTlsAcceptor(TlsCredential hostCredential, CredentialAuthenticator authenticator, TimeProvider time)
    {
        _options = new GridTlsServerOptions { ServerCredential = hostCredential, ApplicationProtocols = [] };
        _authenticator = authenticator;
        _time = time;
    }

    public async Task<DicomTlsConnection> AcceptAsync(Stream network, EndPoint? remoteEndPoint, CancellationToken cancellationToken)
    {
        var tls = await GridTlsStream.AcceptAsync(network, _options, cancellationToken);
        var chain = tls.Session.PeerChain;
        var peer = remoteEndPoint?.ToString() ?? "unknown";
        try
        {
            var reader = _authenticator.Authenticate(chain, peer, _time.GetUtcNow());
            return new DicomTlsConnection(tls, new ReaderIdentity(chain, reader, null));
        }
        catch (CredentialRefusedException refused)
        {
            return new DicomTlsConnection(tls, new ReaderIdentity(chain, null, refused.Message));
        }
    }
}
