using System.Net;
using Hydra.Bridge.Ingest;
using Hydra.Bridge.Options;
using Hydra.Bridge.Readers;
using Hydra.Dicom.Network;

namespace Hydra.Bridge.Hosting;

/// <summary>
/// The bridge's two DICOM services, kept apart so neither can be used for the other's purpose: the ingest port, where
/// hospital senders store images (C-STORE and C-ECHO only), and the DICOM TLS port, where readers with grid
/// credentials query and retrieve (C-FIND, C-GET, C-MOVE, C-ECHO; no storing).
/// </summary>
internal sealed class DicomListeners : IHostedService, IAsyncDisposable
{
    private readonly DicomServer _ingest;
    private readonly DicomServer _readers;

    public DicomListeners(
        BridgeOptions options,
        IngestPipeline ingest,
        CatalogFindHandler find,
        CatalogRetrieveHandler retrieve,
        GridTlsAcceptor tls,
        GridTlsConnector outboundTls,
        ILoggerFactory loggerFactory,
        TimeProvider time)
    {
        var address = options.ListenAddress == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.ListenAddress);
        var ingestOptions = new DicomServerOptions { AeTitle = options.AeTitle, BindAddress = address, Port = options.DicomPort };
        foreach (var sender in options.AllowedSenders)
        {
            ingestOptions.AllowedCallingAeTitles.Add(sender);
        }

        options.SenderLimits.ApplyTo(ingestOptions, options.AllowedSenders.Concat(options.Sources.Keys));

        var readerOptions = new DicomServerOptions
        {
            AeTitle = options.AeTitle,
            BindAddress = address,
            Port = null,
            TlsPort = options.DicomTlsPort,
            Tls = tls,
            OutboundTls = outboundTls,
            ArtimTimeout = TimeSpan.FromSeconds(options.SenderLimits.ArtimSeconds),
        };
        foreach (var (aeTitle, destination) in options.MoveDestinations)
        {
            readerOptions.MoveDestinations[aeTitle] = MoveDestinationText.Parse(aeTitle, destination);
        }

        _ingest = new DicomServer(ingestOptions, new DicomServerHandlers { Store = ingest }, loggerFactory, time);
        _readers = new DicomServer(readerOptions, new DicomServerHandlers { Find = find, Retrieve = retrieve }, loggerFactory, time);
    }

    /// <summary>Where hospital senders connect.</summary>
    public IPEndPoint IngestEndPoint => _ingest.EndPoint ?? throw new InvalidOperationException("The ingest port is not listening yet.");

    /// <summary>Where DICOM readers connect with TLS.</summary>
    public IPEndPoint ReaderEndPoint => _readers.TlsEndPoint ?? throw new InvalidOperationException("The DICOM TLS port is not listening yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _ingest.StartAsync(cancellationToken);
        await _readers.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_ingest.StopAsync(cancellationToken), _readers.StopAsync(cancellationToken));

    public async ValueTask DisposeAsync()
    {
        await _ingest.DisposeAsync();
        await _readers.DisposeAsync();
    }
}
