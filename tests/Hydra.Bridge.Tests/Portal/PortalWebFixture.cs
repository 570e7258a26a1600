using Hydra.Bridge.Options;
using Hydra.Bridge.Patients;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hydra.Bridge.Tests.Portal;

/// <summary>
/// A real bridge with its portal on, a real three-node cluster behind it, the trusted OpenID provider (two patients and
/// a clinician) and an untrusted one whose account names patient A's identifier. The patient records are the
/// <see cref="FixedPatientRecords"/> test double, so these tests exercise the web layer alone.
/// </summary>
public sealed class PortalWebFixture : IAsyncLifetime
{
    /// <summary>The test collection sharing one fixture (one bridge, cluster and provider pair).</summary>
    public const string Collection = "portal-web";

    /// <summary>Generous for the shared client address; the limit test uses another source address.</summary>
    public const int SignInPerMinute = 60;

    /// <summary>An account of the untrusted provider claiming to be patient A.</summary>
    public static readonly OidcAccount Impostor = new("mallory", [], new Dictionary<string, object> { ["patient"] = "ZQXHYDRAMARK-MRN" });

    private readonly TempDirectory _folder = new("hydra-portal-web");
    private BridgeNode? _bridge;

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public OidcProvider Provider { get; private set; } = null!;

    public OidcProvider Untrusted { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    internal FixedPatientRecords Records { get; private set; } = null!;

    public BridgeNode Bridge => _bridge ?? throw new InvalidOperationException("The bridge did not start.");

    public int PortalPort => Bridge.PortalPort ?? throw new InvalidOperationException("The portal is not listening.");

    public async Task InitializeAsync()
    {
        var study = SampleStudy.Write(_folder.Combine("study"), 1, size: 64);
        Records = new FixedPatientRecords(await File.ReadAllBytesAsync(study.Files[0]));
        Provider = await OidcProvider.StartAsync(new OidcProviderOptions { Accounts = OidcProviderOptions.PortalAccounts });
        Untrusted = await OidcProvider.StartAsync(new OidcProviderOptions { Accounts = [Impostor] });
        Cluster = await TestCluster.StartAsync(Pki);
        Cluster.Configuration(writeQuorum: 2).Save(_folder.Combine("cluster.json"));
        _bridge = await BridgeNode.StartAsync(
            [],
            Configure,
            CancellationToken.None,
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddSingleton<IPatientRecords>(Records);
            }).DefaultTimeout();
    }

    /// <summary>A client of the portal; with <paramref name="source"/>, connecting from that loopback address.</summary>
    internal PortalClient Client(System.Net.IPAddress? source = null) => new(Pki, PortalPort, source);

    /// <summary>A client signed in as <paramref name="account"/> (the callback redirected home and set the session cookie).</summary>
    internal async Task<PortalClient> SignedInAsync(OidcAccount account)
    {
        var client = Client();
        using var callback = await client.SignInAsync(account);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, callback.StatusCode);
        Assert.NotNull(client.SessionCookie);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        if (Untrusted is not null)
        {
            await Untrusted.DisposeAsync();
        }

        PkiFixture.Dispose();
        _folder.Dispose();
    }

    private void Configure(BridgeOptions options)
    {
        var host = Pki.Host("bridge");
        options.ListenAddress = "127.0.0.1";
        options.DicomPort = 0;
        options.DicomTlsPort = 0;
        options.ReaderPort = 0;
        options.DataDirectory = _folder.Combine("data");
        options.ClusterFile = _folder.Combine("cluster.json");
        options.HostCertificate = host.CertificatePath;
        options.HostKey = host.KeyPath;
        options.TrustDirectory = Pki.TrustDirectory;
        options.VomsDirectory = Pki.VomsDirectory;
        options.Ingest.HandoffRetrySeconds = 3600;
        options.Portal = new BridgePortalOptions
        {
            Port = 0,
            Authority = Provider.IssuerText,
            ClientId = OidcClients.PortalId,
            SignInPerMinute = SignInPerMinute,
        };
    }
}

/// <summary>Shares one <see cref="PortalWebFixture"/> between the portal's web-layer test classes.</summary>
[CollectionDefinition(PortalWebFixture.Collection)]
public sealed class PortalWebCollection : ICollectionFixture<PortalWebFixture>;
