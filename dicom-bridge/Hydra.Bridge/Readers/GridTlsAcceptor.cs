using System.Net;
using Hydra.Dicom.Network.Tls;
using Hydra.Grid.Tls;
using Hydra.Hosting;

namespace Hydra.Bridge.Readers;

/// <summary>
/// DICOM TLS (PS3.15 B.1) on the grid TLS stack, so readers may present end-entity certificates or RFC 3820 proxies.
/// The chain is judged per request by <see cref="ReaderAccess"/>, against the bridge's one trust store, so a new CRL
/// refuses an open association's next request too. A refused handshake is reported as on the reader endpoint
/// (rate-limited log, <c>hydra.tls.handshakes.refused</c>), not logged once per connection.
/// </summary>
internal sealed class GridTlsAcceptor : IDicomTlsAcceptor
{
    private readonly GridTlsServerOptions _options;
    private readonly IReadOnlyList<IHandshakeRefusalSink> _refusals;

    public GridTlsAcceptor(GridHost host, IEnumerable<IHandshakeRefusalSink> refusals)
    {
        _options = new GridTlsServerOptions { ServerCredential = host.Credential, ApplicationProtocols = [] };
        _refusals = [.. refusals];
    }

    public async Task<DicomTlsConnection> AcceptAsync(Stream network, EndPoint? remoteEndPoint, CancellationToken cancellationToken)
    {
        GridTlsStream tls;
        try
        {
            tls = await GridTlsStream.AcceptAsync(network, _options, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The token ends the handshake at ARTIM (or at stop): a cancellation here is a client that did not finish.
            var refusal = HandshakeFailures.Of(ex, remoteEndPoint, CancellationToken.None);
            HandshakeFailures.Report(_refusals, refusal);
            throw new DicomTlsRefusedException(refusal.Detail, ex);
        }

        var connection = new GridConnectionFeature(tls.Session, remoteEndPoint?.ToString() ?? "unknown");
        return new DicomTlsConnection(tls, new ReaderIdentity(connection));
    }
}
