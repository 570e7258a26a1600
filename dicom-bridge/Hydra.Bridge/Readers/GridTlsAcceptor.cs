using System.Net;
using Hydra.Dicom.Network.Tls;
using Hydra.Grid.Tls;
using Hydra.Hosting;

namespace Hydra.Bridge.Readers;

/// <summary>
/// DICOM TLS (PS3.15 B.1) on the grid TLS stack, so readers may present end-entity certificates or RFC 3820 proxies.
/// The chain is judged per request by <see cref="ReaderAccess"/>, against the bridge's one trust store, so a new CRL
/// refuses an open association's next request too.
/// </summary>
internal sealed class GridTlsAcceptor : IDicomTlsAcceptor
{
    private readonly GridTlsServerOptions _options;

    public GridTlsAcceptor(GridHost host)
    {
        _options = new GridTlsServerOptions { ServerCredential = host.Credential, ApplicationProtocols = [] };
    }

    public async Task<DicomTlsConnection> AcceptAsync(Stream network, EndPoint? remoteEndPoint, CancellationToken cancellationToken)
    {
        var tls = await GridTlsStream.AcceptAsync(network, _options, cancellationToken);
        var connection = new GridConnectionFeature(tls.Session, remoteEndPoint?.ToString() ?? "unknown");
        return new DicomTlsConnection(tls, new ReaderIdentity(connection));
    }
}
