using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Hosting;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;

namespace Hydra.Cli.Tests.Commands.Login;

/// <summary>
/// A real OpenID provider (npm oidc-provider) and a real three-node cluster that trusts it for the hospital VO, with
/// client certificates optional, so people holding only a token can call. The cluster file names the provider in its
/// <c>tokens</c> section, as a site would for <c>hydra login</c>.
/// </summary>
public sealed class TokenCliFixture : IAsyncLifetime
{
    /// <summary>The audience every node accepts (the provider's default resource).</summary>
    public const string Audience = "https://keystore.hydra.test";

    /// <summary>Scopes hydra login asks for, from the cluster file.</summary>
    public const string Scope = "openid storage.read:/";

    /// <summary>A second user, in another group, to tell tokens apart.</summary>
    public static readonly OidcAccount Cardiologist = new("bob", ["/hospital/cardiology"]);

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public OidcProvider Provider { get; private set; } = null!;

    /// <summary>A second issuer whose tokens live one second and whom the nodes give no clock leeway: expiry tests.</summary>
    public OidcProvider ShortLived { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public string ClusterFile { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            Accounts = [OidcProviderOptions.Radiologist, Cardiologist],
            DefaultResource = Audience,
        });
        ShortLived = await OidcProvider.StartAsync(new OidcProviderOptions { DefaultResource = Audience, AccessTokenTtl = TimeSpan.FromSeconds(1) });
        Cluster = await TestCluster.StartAsync(Pki, configure: options => options.Tokens = new TokenSettings
        {
            AllowWithoutClientCertificate = true,
            Issuers =
            [
                new TokenIssuerSettings { Issuer = Provider.IssuerText, Audiences = [Audience], Vos = ["hospital"], AllowHttpOnLoopback = true },
                new TokenIssuerSettings
                {
                    Issuer = ShortLived.IssuerText, Audiences = [Audience], Vos = ["hospital"], AllowHttpOnLoopback = true, ClockSkewSeconds = 0,
                },
            ],
        });
        ClusterFile = Path.Combine(Cluster.Folder, "cluster.json");
        (Cluster.Configuration() with
        {
            Tokens = new ClusterTokenSettings { Issuer = Provider.IssuerText, ClientId = OidcClients.DeviceId, Scope = Scope, Resource = Audience },
        }).Save(ClusterFile);
    }

    /// <summary>The cluster file and trust directory, and nothing that names a grid credential.</summary>
    public string[] ClusterArguments => ["--cluster", ClusterFile, "--certdir", Pki.TrustDirectory];

    /// <summary>Arguments that make hydra act as <paramref name="user"/> with its end-entity certificate.</summary>
    public string[] As(string user) =>
        [.. ClusterArguments, "--cert", Pki.User(user).CertificatePath, "--key", Pki.User(user).KeyPath];

    /// <summary>A fresh access token of <paramref name="account"/> for the nodes' audience (device flow, approved headlessly).</summary>
    public async Task<string> TokenOfAsync(string account) =>
        (await Provider.DeviceFlowAsync(account, Audience, Scope).DefaultTimeout()).AccessToken;

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Provider.DisposeAsync();
        await ShortLived.DisposeAsync();
        PkiFixture.Dispose();
    }
}
