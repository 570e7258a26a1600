using Hydra.Dicom.Network.Tls;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Hosting;

namespace Hydra.Bridge.Readers;

/// <summary>
/// C-MOVE to a DICOM TLS destination on the grid TLS stack: the bridge presents its host certificate and checks the
/// destination's against the bridge's one trust store (CA path and CRLs, reloaded in place) and the configured host.
/// </summary>
internal sealed class GridTlsConnector : IDicomTlsConnector
{
    private readonly TlsCredential _credential;
    private readonly HostCertificateValidator _validator;

    public GridTlsConnector(GridHost host)
    {
        _credential = host.Credential;
        _validator = host.ServerValidator;
    }

    public async Task<DicomTlsConnection> ConnectAsync(Stream network, string host, CancellationToken cancellationToken)
    {
        var tls = await GridTlsStream.ConnectAsync(network, new GridTlsClientOptions
        {
            TargetHost = host,
            ClientCredential = _credential,
            ApplicationProtocols = [],
            ServerCertificateValidator = (chain, target) => _validator.Check(chain, target),
        }, cancellationToken);
        return new DicomTlsConnection(tls, null);
    }
}
