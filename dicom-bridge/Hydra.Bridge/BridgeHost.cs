using System.Net;
using Hydra.Bridge.DicomWeb;
using Hydra.Bridge.DicomWeb.Qido;
using Hydra.Bridge.DicomWeb.Stow;
using Hydra.Bridge.DicomWeb.Wado;
using Hydra.Bridge.Handoff;
using Hydra.Bridge.Hosting;
using Hydra.Bridge.Ingest;
using Hydra.Bridge.Ingest.Registration;
using Hydra.Bridge.Options;
using Hydra.Bridge.Patients;
using Hydra.Bridge.Portal;
using Hydra.Bridge.Readers;
using Hydra.Bridge.Review;
using Hydra.Bridge.Storage;
using Hydra.Bridge.Storage.Postgres;
using Hydra.Cluster;
using Hydra.Dicom.Deidentification;
using Hydra.Hosting;
using Hydra.Storage.Files;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hydra.Bridge;

/// <summary>
/// Composes the bridge: options, host credential and trust, the catalog and object store, the keystore cluster
/// client, the ingest pipeline, the DICOM ports, the hand-off delivery, the grid readers' HTTPS endpoint and the patient
/// portal (its own ordinary-TLS listener).
/// </summary>
public static class BridgeHost
{
    /// <summary>
    /// Builds the bridge from configuration (appsettings.json, <c>Bridge__*</c> environment variables, command line),
    /// then <paramref name="configure"/>, which tests and the demo use to point it at a dev PKI and a temp folder.
    /// </summary>
    public static WebApplication Build(string[] args, Action<BridgeOptions>? configure = null, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var optionsBuilder = builder.Services.AddOptions<BridgeOptions>().Bind(builder.Configuration.GetSection(BridgeOptions.SectionName));
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BridgeOptions>, BridgeOptionsValidator>();
        var portal = PortalSetup.Configured(builder.Configuration, configure);
        AddServices(builder.Services, portal);
        builder.WebHost.ConfigureKestrel(ConfigureReaderEndpoint);
        customize?.Invoke(builder);

        var app = builder.Build();
        if (portal)
        {
            app.UsePortalHeaders();
        }

        app.UseCatalogUnavailableResponses();
        app.UseRateLimiter();
        if (portal)
        {
            // After the rate limiter, so the sign-in limit also covers the OpenID callback the authentication middleware answers.
            app.UsePortalAuthentication();
            app.MapPortal();
        }

        app.MapReaderEndpoints();
        return app;
    }

    private static void AddServices(IServiceCollection services, bool portal)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BridgeOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<BridgeOptions>().Ingest);
        services.AddGridHost(sp => sp.GetRequiredService<BridgeOptions>().GridHost());
        services.AddBearerAuthenticator(sp => sp.GetRequiredService<BridgeOptions>().Tokens);
        AddStorage(services);
        AddCluster(services);
        AddIngest(services);
        AddReaders(services);
        AddPatients(services);
        services.AddPortal(portal);
    }

    private static void AddStorage(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<BridgeOptions>().DataDirectory;
            OwnerOnly.CreateFolder(directory);
            return new BridgeDatabase(Path.Combine(directory, "bridge.db"));
        });
        // The LiteDB file is opened only when it is the back end (the container disposes what it created).
        services.AddSingleton<IBridgeStore>(sp => sp.GetRequiredService<BridgeOptions>().Database.Backend == BridgeDatabaseOptions.PostgreSql
            ? new PostgresBridgeStore(PostgresCatalog.Open(sp.GetRequiredService<BridgeOptions>().Database))
            : new LiteDbBridgeStore(sp.GetRequiredService<BridgeDatabase>(), sp.GetRequiredService<ILogger<LiteDbBridgeStore>>()));
        services.AddSingleton<IObjectStore>(sp =>
        {
            var options = sp.GetRequiredService<BridgeOptions>();
            return options.Objects.IsS3 ? new S3ObjectStore(options.Objects.S3) : new FolderObjectStore(options.DataDirectory);
        });
        // Before the DICOM listeners (hosted services start in order): leftovers go before new uploads begin.
        services.AddHostedService<ObjectStoreStartup>();
    }

    private static void AddCluster(IServiceCollection services)
    {
        services.AddSingleton(sp => ClusterConfiguration.Load(sp.GetRequiredService<BridgeOptions>().ClusterFile));
        services.AddSingleton<NodeCertificates>();
        services.AddSingleton(sp =>
        {
            var host = sp.GetRequiredService<GridHost>();
            var certificates = sp.GetRequiredService<NodeCertificates>();
            // The nodes are checked against the bridge's one trust store, reloaded in place with every new CRL.
            return KeystoreCluster.Connect(
                sp.GetRequiredService<ClusterConfiguration>(),
                host.Credential,
                host.Trust.Store,
                new KeystoreClusterOptions { NodeCertificateSeen = certificates.Seen, Time = sp.GetRequiredService<TimeProvider>() });
        });
        services.AddSingleton<HandoffDeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<HandoffDeliveryService>());
    }

    private static void AddIngest(IServiceCollection services)
    {
        services.AddSingleton(sp => DeidentifierFactory.Create(sp.GetRequiredService<BridgeOptions>(), sp.GetService<IPixelCleaner>()));
        // Null when Bridge:PixelCleaning:Enabled is false: GetService then answers null and the headers decide. TryAdd,
        // so a host's own cleaner (a test's) stands.
        services.TryAddSingleton<IPixelCleaner>(sp => DeidentifierFactory.CreatePixelCleaner(sp)!);
        services.AddSingleton(sp => new QuarantineIds(BridgeSecret.LoadOrCreate(DeidentifierFactory.SecretPath(sp.GetRequiredService<BridgeOptions>()))));
        services.AddSingleton<HandoffQueue>();
        services.AddSingleton<KeyRegistrar>();
        services.AddSingleton<KeyPool>();
        services.AddSingleton<IngestAcl>();
        services.AddSingleton<InstanceLocks>();
        services.AddSingleton<QuarantineStore>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<ReviewThumbnails>();
        services.AddSingleton<OfficerReview>();
        services.AddSingleton<OfficerAccess>();
    }

    private static void AddReaders(IServiceCollection services)
    {
        services.AddSingleton<CatalogFindHandler>();
        services.AddSingleton<CatalogRetrieveHandler>();
        services.AddSingleton<DecryptedImages>();
        services.AddSingleton<StudyRevoker>();
        services.AddSingleton<ReaderAuthentication>();
        services.AddSingleton<ReaderAccess>();
        services.AddSingleton<CatalogAccess>();
        services.AddSingleton<QidoSearch>();
        services.AddSingleton<GridTlsAcceptor>();
        services.AddSingleton<GridTlsConnector>();
        services.AddDicomWebGate();
        services.AddSingleton<WadoInstances>();
        services.AddSingleton<StowSenders>();
        services.AddSingleton<StowTransaction>();
        services.AddSingleton<StowService>();
        services.AddSingleton<DicomListeners>();
        services.AddHostedService(sp => sp.GetRequiredService<DicomListeners>());
    }

    private static void AddPatients(IServiceCollection services)
    {
        services.AddSingleton<PatientSignIn>();
        services.AddSingleton<PatientAuditReader>();
        services.AddSingleton<IPatientRecords, PatientRecords>();
    }

    private static void ConfigureReaderEndpoint(WebHostBuilderContext context, KestrelServerOptions kestrel)
    {
        var options = kestrel.ApplicationServices.GetRequiredService<BridgeOptions>();
        var address = options.ListenAddress == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.ListenAddress);
        TokenHeaderLimits.Apply(kestrel.Limits, options.Tokens);
        // HTTP/1.1 too, for clients that ask for it by ALPN (curl --http1.1, DICOMweb clients without HTTP/2).
        kestrel.Listen(address, options.ReaderPort, listen => listen.UseGridTls(HttpProtocols.Http1AndHttp2));
        kestrel.ApplicationServices.GetRequiredService<PortalListener>().Configure(kestrel, address, options);
    }
}
