using Hydra.Bridge.Handoff;
using Hydra.Bridge.Hosting;
using Hydra.Bridge.Ingest;
using Hydra.Bridge.Options;
using Hydra.Bridge.Storage;
using Hydra.Bridge.Storage.Postgres;
using Hydra.Cluster;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hydra.Bridge;

/// <summary>
/// A running bridge: start it, read the ports it bound (0 picks free ones), stop it. Used by <c>Program</c>, the
/// tests (real clusters and peers on loopback), the demo and the benchmarks.
/// </summary>
public sealed class BridgeNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BridgeNode(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The bridge's options after configuration and validation.</summary>
    public BridgeOptions Options => _app.Services.GetRequiredService<BridgeOptions>();

    /// <summary>The DICOM port hospital senders store to.</summary>
    public int DicomPort => _app.Services.GetRequiredService<DicomListeners>().IngestEndPoint.Port;

    /// <summary>The DICOM TLS port readers query and retrieve on.</summary>
    public int DicomTlsPort => _app.Services.GetRequiredService<DicomListeners>().ReaderEndPoint.Port;

    /// <summary>The grid readers' HTTPS (grid TLS, HTTP/2) port.</summary>
    public int ReaderPort { get; private set; }

    /// <summary>The patient portal's HTTPS port, or null when <c>Bridge:Portal:Port</c> is not set.</summary>
    public int? PortalPort => _app.Services.GetRequiredService<Portal.PortalListener>().Port;

    /// <summary>Images in the catalog.</summary>
    public Task<int> CatalogCountAsync(CancellationToken cancellationToken = default) => Store.CatalogCountAsync(cancellationToken);

    /// <summary>How many originals the quarantine holds.</summary>
    public Task<int> QuarantineCountAsync(CancellationToken cancellationToken = default) => Store.QuarantineCountAsync(cancellationToken);

    /// <summary>Shares waiting for nodes that were down.</summary>
    public Task<int> PendingHandoffCountAsync(CancellationToken cancellationToken = default) => Store.PendingHandoffCountAsync(cancellationToken);

    private IBridgeStore Store => _app.Services.GetRequiredService<IBridgeStore>();

    internal IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the bridge; fails with every configuration mistake named.</summary>
    public static async Task<BridgeNode> StartAsync(
        string[] args, Action<BridgeOptions>? configure, CancellationToken cancellationToken, Action<WebApplicationBuilder>? customize = null)
    {
        var app = BridgeHost.Build(args, configure, customize);
        var node = new BridgeNode(app);
        try
        {
            // Open the store, the secret and the trust before listening, so a bad file fails start-up, not an image.
            var store = app.Services.GetRequiredService<IBridgeStore>();
            if (store is PostgresBridgeStore postgres)
            {
                await MigrateAsync(postgres, app.Services.GetRequiredService<ILogger<BridgeNode>>(), cancellationToken);
            }

            app.Services.GetRequiredService<Ingest.IngestPipeline>();
            app.Services.GetRequiredService<Hydra.Hosting.GridHost>();
            await app.StartAsync(cancellationToken);
            // The reader endpoint is the listener that is not the portal's (Kestrel lists them in the order configured).
            node.ReaderPort = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(address => new Uri(address).Port).First(port => port != node.PortalPort);
            var listeners = app.Services.GetRequiredService<DicomListeners>();
            var logger = app.Services.GetRequiredService<ILogger<BridgeNode>>();
            var ingest = listeners.IngestEndPoint.ToString();
            var tls = listeners.ReaderEndPoint.ToString();
            var readers = $"{node.Options.ListenAddress}:{node.ReaderPort}";
            var images = await store.CatalogCountAsync(cancellationToken);
            var waiting = await store.PendingHandoffCountAsync(cancellationToken);
            BridgeLog.BridgeStarted(logger, node.Options.AeTitle, ingest, tls, readers, images, waiting);
            if (node.PortalPort is { } portal)
            {
                var endPoint = $"{node.Options.ListenAddress}:{portal}";
                Portal.PortalLog.Listening(logger, endPoint, node.Options.Portal.Authority);
            }
            return node;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// <c>hydra-bridge migrate</c>: brings the configured PostgreSQL catalog's schema to this version and returns, without
    /// starting anything else; the exit code says whether it worked.
    /// </summary>
    public static async Task<int> MigrateOnlyAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var app = BridgeHost.Build(args);
        var logger = app.Services.GetRequiredService<ILogger<BridgeNode>>();
        if (app.Services.GetRequiredService<IBridgeStore>() is not PostgresBridgeStore postgres)
        {
            await Console.Error.WriteLineAsync($"Nothing to migrate: Bridge:Database:Backend is not {BridgeDatabaseOptions.PostgreSql}.");
            return 2;
        }

        try
        {
            await MigrateAsync(postgres, logger, cancellationToken);
            return 0;
        }
        catch (Exception ex) when (ex is CatalogUnavailableException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static async Task MigrateAsync(PostgresBridgeStore store, ILogger logger, CancellationToken cancellationToken)
    {
        var applied = await store.MigrateAsync(cancellationToken);
        BridgeLog.CatalogMigrated(logger, SchemaMigrations.Latest, applied);
    }

    /// <summary>Waits until no key is being registered ahead of need (a refill started by the last image ends too).</summary>
    public Task KeyRefillsSettledAsync() => _app.Services.GetRequiredService<KeyPool>().SettleAsync();

    /// <summary>Delivers waiting shares now (normally done on a timer).</summary>
    public Task DeliverHandoffAsync(CancellationToken cancellationToken) =>
        _app.Services.GetRequiredService<HandoffDeliveryService>().DeliverAsync(cancellationToken);

    /// <summary>The cluster client the bridge uses (tests check what it registered).</summary>
    public KeystoreCluster Cluster => _app.Services.GetRequiredService<KeystoreCluster>();

    /// <summary>Blocks until the host is asked to stop (Ctrl-C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
