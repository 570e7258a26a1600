using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Hosting;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;

namespace Hydra.Bridge.Tests.Support;

/// <summary>
/// A real OpenID provider, a 2-of-3 cluster whose nodes trust it for the VO <c>hospital</c> with one cluster
/// audience, and a bridge that trusts it with its own audience and the cluster's, and lets token holders connect
/// without a client certificate. A second provider issues one-second tokens (for expiry), trusted by the bridge only.
/// </summary>
public sealed class TokenBridgeFixture : IAsyncLifetime
{
    /// <summary>The audience every node and the bridge accept: a reader's one token for the whole cluster.</summary>
    public const string ClusterAudience = "https://cluster.hydra.test";

    /// <summary>The bridge's own audience: the bridge accepts it, the nodes do not.</summary>
    public const string BridgeAudience = "https://bridge.hydra.test";

    public static readonly OidcAccount Radiologist = new("alice", ["/hospital/radiology"]);

    public static readonly OidcAccount Cardiologist = new("bob", ["/hospital/cardiology"]);

    public static readonly OidcAccount Curator = new("carol", ["/hospital/archive"]);

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public OidcProvider Provider { get; private set; } = null!;

    public OidcProvider ShortLived { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            Accounts = [Radiologist, Cardiologist, Curator],
            DefaultResource = ClusterAudience,
        });
        ShortLived = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            Accounts = [Radiologist],
            DefaultResource = ClusterAudience,
            AccessTokenTtl = TimeSpan.FromSeconds(1),
        });
        Cluster = await TestCluster.StartAsync(Pki, configure: options => options.Tokens = new TokenSettings
        {
            Issuers = [Issuer(Provider, ClusterAudience)],
        });
        Bridge = await TestBridge.StartAsync(Pki, Cluster, options =>
        {
            var shortLived = Issuer(ShortLived, BridgeAudience, ClusterAudience);
            shortLived.ClockSkewSeconds = 0;
            options.Tokens = new TokenSettings
            {
                AllowWithoutClientCertificate = true,
                Issuers = [Issuer(Provider, BridgeAudience, ClusterAudience), shortLived],
            };
            options.Curators = [.. options.Curators, Subject(Provider, Curator)];
        });
    }

    /// <summary>The principal text of <paramref name="account"/>'s tokens from <paramref name="provider"/>.</summary>
    public static string Subject(OidcProvider provider, OidcAccount account) =>
        Principal.ForToken(new TokenSubject(provider.IssuerText, account.Id)).Canonical;

    /// <summary>An access token of <paramref name="account"/> by the device flow (RFC 8628), for <paramref name="audience"/>.</summary>
    public async Task<string> TokenAsync(OidcAccount account, string audience = ClusterAudience, OidcProvider? provider = null)
    {
        var response = await (provider ?? Provider).DeviceFlowAsync(account.Id, audience, "openid storage.read:/").DefaultTimeout();
        return response.AccessToken;
    }

    private static TokenIssuerSettings Issuer(OidcProvider provider, params string[] audiences) => new()
    {
        Issuer = provider.IssuerText,
        Audiences = [.. audiences],
        Vos = ["hospital"],
        AllowHttpOnLoopback = true,
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

        if (ShortLived is not null)
        {
            await ShortLived.DisposeAsync();
        }

        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        PkiFixture.Dispose();
    }
}
