using System.Net;
using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Hosting;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;

// Not ...DicomWeb.Peers: a namespace named Peers would hide Hydra.Testing.Peers from every sibling namespace.
namespace Hydra.Bridge.Tests.DicomWeb.PeerTests;

/// <summary>
/// The bridge as a DICOMweb origin for real peers: a real OpenID provider (the radiologist's bearer token), a 2-of-3
/// cluster trusting it, and a bridge that takes tokens without a client certificate and lets the reader's certificate
/// store over STOW-RS (as source <see cref="StowSource"/>, default ACL), plus what Orthanc needs to be its client:
/// the reader's certificate and key as PEM files and the dev CA.
/// </summary>
public sealed class BridgePeerFixture : IAsyncLifetime
{
    public const string Audience = "https://cluster.hydra.test";

    public const string StowSource = "orthanc";

    public static readonly OidcAccount Radiologist = new("alice", ["/hospital/radiology"]);

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public OidcProvider Provider { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    /// <summary>The bridge's DICOMweb root for HTTPS clients (Orthanc, curl): its host certificate names 127.0.0.1.</summary>
    public Uri DicomWebRoot => new(Bridge.ReaderAddress, "dicom-web/");

    /// <summary>The reader's certificate (PEM): an Orthanc client with it reads what the reader may, and may STOW.</summary>
    public string ReaderCertificateFile => Pki.User(DevUser.Reader).CertificatePath;

    /// <summary>The reader's private key (PEM, unencrypted).</summary>
    public string ReaderKeyFile => Pki.User(DevUser.Reader).KeyPath;

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync(new OidcProviderOptions { Accounts = [Radiologist], DefaultResource = Audience });
        var issuer = new TokenIssuerSettings { Issuer = Provider.IssuerText, Audiences = [Audience], Vos = ["hospital"], AllowHttpOnLoopback = true };
        Cluster = await TestCluster.StartAsync(Pki, configure: options => options.Tokens = new TokenSettings { Issuers = [issuer] });
        Bridge = await TestBridge.StartAsync(Pki, Cluster, options =>
        {
            options.Tokens = new TokenSettings { AllowWithoutClientCertificate = true, Issuers = [issuer] };
            options.DicomWeb.Senders[Principal.ForSubject(Pki.User(DevUser.Reader).Subject).Canonical] = StowSource;
        });
    }

    /// <summary>An access token of the radiologist (device flow), for the bridge and the nodes.</summary>
    public async Task<string> TokenAsync() =>
        (await Provider.DeviceFlowAsync(Radiologist.Id, Audience, "openid storage.read:/").DefaultTimeout()).AccessToken;

    /// <summary>
    /// The reader endpoint over grid TLS checked against the dev CA (HTTP/2 over the handler's own TLS, so the address
    /// is <c>http://</c>), with <paramref name="credential"/> in TLS when given.
    /// </summary>
    public HttpMessageHandler ReaderHandler(TlsCredential? credential = null) => GridHttpHandler.Create(
        Bridge.ClientConfiguration().Bridge!, credential, new HostCertificateValidator(GridTrustStore.Load(Pki.TrustDirectory)), GridChannelOptions.Default);

    /// <summary>The reader endpoint's base address as <see cref="ReaderHandler"/> takes it.</summary>
    public Uri ReaderHandlerAddress => new($"http://127.0.0.1:{Bridge.Node.ReaderPort}/");

    /// <summary>A DICOMweb HTTP client of the bridge (HTTP/2, grid TLS), sending <paramref name="bearerToken"/> when given.</summary>
    public HttpClient DicomWebClient(string? bearerToken, TlsCredential? credential = null)
    {
        var client = new HttpClient(ReaderHandler(credential), disposeHandler: true)
        {
            BaseAddress = new Uri(ReaderHandlerAddress, "dicom-web/"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + bearerToken);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        // Each part may be missing when an earlier one failed to start; the others still stop.
        if (Bridge is not null)
        {
            await Bridge.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        PkiFixture.Dispose();
    }
}

/// <summary>The bridge peer tests share one bridge and run one after another (each starts browsers or Orthancs).</summary>
[CollectionDefinition(Name)]
public sealed class BridgePeerCollection : ICollectionFixture<BridgePeerFixture>
{
    public const string Name = "DICOMweb peers of the bridge";
}
