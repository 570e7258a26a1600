using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Grid.Tls;
using Hydra.Hosting;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;

namespace Hydra.Cli.Tests.Commands.Tokens;

/// <summary>
/// A real OpenID provider, a three-node cluster and a bridge that both trust it for the hospital VO with one shared
/// cluster audience and take token holders without a client certificate, a study ingested by storescu, and a cluster
/// file naming the bridge: what people holding only a token use <c>hydra images</c> and <c>hydra audit</c> against.
/// </summary>
public sealed class TokenBridgeCliFixture : IAsyncLifetime
{
    /// <summary>The one audience of the reader's token that the bridge and every node accept.</summary>
    public const string ClusterAudience = "https://cluster.hydra.test";

    public const string Scope = "openid storage.read:/";

    public static readonly OidcAccount Radiologist = OidcProviderOptions.Radiologist;

    public static readonly OidcAccount Cardiologist = new("bob", ["/hospital/cardiology"]);

    /// <summary>An officer whose group is the nodes' auditor FQAN (TestCluster's default).</summary>
    public static readonly OidcAccount Officer = new("olga", ["/hospital/security/Role=officer"]);

    private readonly TempDirectory _folder = new("hydra-token-cli");

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public OidcProvider Provider { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    /// <summary>The sample study as sent and the pseudonymous study UID the bridge gave it.</summary>
    public SampleStudy Sent { get; private set; } = null!;

    public string StudyInstanceUid { get; private set; } = null!;

    public string ClusterFile => _folder.Combine("cluster.json");

    /// <summary>The cluster file and trust directory, and nothing that names a grid credential.</summary>
    public string[] ClusterArguments => ["--cluster", ClusterFile, "--certdir", Pki.TrustDirectory];

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            Accounts = [Radiologist, Cardiologist, Officer],
            DefaultResource = ClusterAudience,
        });
        Cluster = await TestCluster.StartAsync(Pki, configure: options =>
        {
            options.Tokens = Tokens();
            // Checkpoints only when a test seals, so the trails a test reads are complete.
            options.Audit.CheckpointIntervalSeconds = 3600;
        });
        Bridge = await TestBridge.StartAsync(Pki, Cluster, options => options.Tokens = Tokens());
        Bridge.ClientConfiguration().Save(ClusterFile);

        Sent = SampleStudy.Write(_folder.Combine("sent"), 2, size: 64);
        var result = await Bridge.StorescuAsync(Sent.Files);
        Assert.True(result.ExitCode == 0, result.Output);
        var reader = Pki.User(DevUser.Reader);
        var catalog = Bridge.ConnectReader(new TlsCredential([reader.Certificate], reader.PrivateKey));
        var images = await catalog.ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        StudyInstanceUid = Assert.Single(images.Select(i => i.StudyInstanceUid).Distinct());
    }

    /// <summary>The principal text of <paramref name="account"/>'s tokens.</summary>
    public string Subject(OidcAccount account) => Principal.ForToken(new TokenSubject(Provider.IssuerText, account.Id)).Canonical;

    /// <summary>A fresh access token of <paramref name="account"/> for the cluster audience (device flow, approved headlessly).</summary>
    public async Task<string> TokenOfAsync(OidcAccount account) =>
        (await Provider.DeviceFlowAsync(account.Id, ClusterAudience, Scope).DefaultTimeout()).AccessToken;

    public string NewFolder() => _folder.Combine("out-" + Guid.NewGuid().ToString("N"));

    public Task SealAllAsync() =>
        Task.WhenAll(Enumerable.Range(0, Cluster.NodeCount).Select(i => Cluster.Node(i).SealAuditTrailAsync(CancellationToken.None))).DefaultTimeout();

    private TokenSettings Tokens() => new()
    {
        AllowWithoutClientCertificate = true,
        Issuers =
        [
            new TokenIssuerSettings { Issuer = Provider.IssuerText, Audiences = [ClusterAudience], Vos = ["hospital"], AllowHttpOnLoopback = true },
        ],
    };

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
        _folder.Dispose();
    }
}
