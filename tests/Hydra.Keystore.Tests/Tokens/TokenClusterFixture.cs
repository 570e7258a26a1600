using Hydra.CertsDev;
using Hydra.Hosting;
using Hydra.Keystore.Options;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests.Tokens;

/// <summary>
/// Two real OpenID providers (the hospital's IdP, trusted for VO <c>hospital</c>, and another VO's, trusted for
/// <c>other</c> only) and a three-node cluster that takes their tokens beside grid certificates: each node accepts its
/// own audience and the shared cluster audience, and callers may come without a client certificate.
/// </summary>
public sealed class TokenClusterFixture : IAsyncLifetime
{
    public const string ClusterAudience = "urn:hydra:cluster:test";

    public static readonly OidcAccount Radiologist = new("alice", ["/hospital/radiology"]);
    public static readonly OidcAccount Cardiologist = new("bob", ["/hospital/cardiology"]);
    public static readonly OidcAccount Researcher = new("carol", ["/hospital/research"]);
    public static readonly OidcAccount Officer = new("dave", ["/hospital/security"]);

    /// <summary>An account of the other VO's IdP that claims a hospital group its issuer may not speak for.</summary>
    public static readonly OidcAccount Impostor = new("mallory", ["/hospital/radiology", "/other/staff"]);

    private readonly Dictionary<(string, string, string), TokenResponse> _tokens = [];

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public OidcProvider Hospital { get; private set; } = null!;

    public OidcProvider OtherVo { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The audience node <paramref name="index"/> (0-based) accepts besides <see cref="ClusterAudience"/>.</summary>
    public static string NodeAudience(int index) => $"https://{TestCluster.NodeId(index)}.hydra.test";

    /// <summary>The principal naming <paramref name="account"/> of the hospital IdP.</summary>
    public string HospitalPrincipal(string account) => $"oidc:{Hospital.IssuerText}#{account}";

    public async Task InitializeAsync()
    {
        Hospital = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            Accounts = [Radiologist, Cardiologist, Researcher, Officer],
            DefaultResource = ClusterAudience,
        }).DefaultTimeout();
        OtherVo = await OidcProvider.StartAsync(new OidcProviderOptions { Accounts = [Impostor], DefaultResource = ClusterAudience }).DefaultTimeout();
        Cluster = await TestCluster.StartAsync(Pki, configure: Configure).DefaultTimeout();
    }

    /// <summary>A user's access token from the hospital IdP (cached per account and audience: device flows are slow).</summary>
    public async Task<TokenResponse> UserTokenAsync(OidcAccount account, string audience = ClusterAudience, OidcProvider? provider = null)
    {
        provider ??= Hospital;
        var key = (provider.IssuerText, account.Id, audience);
        if (!_tokens.TryGetValue(key, out var token))
        {
            token = await provider.DeviceFlowAsync(account.Id, audience, "openid storage.read:/").DefaultTimeout();
            _tokens[key] = token;
        }

        return token;
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await OtherVo.DisposeAsync();
        await Hospital.DisposeAsync();
        PkiFixture.Dispose();
    }

    private void Configure(KeystoreOptions options)
    {
        var index = int.Parse(options.NodeId["node".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1;
        string[] audiences = [NodeAudience(index), ClusterAudience];
        options.Tokens = new TokenSettings
        {
            AllowWithoutClientCertificate = true,
            Issuers =
            [
                new TokenIssuerSettings
                {
                    Issuer = Hospital.IssuerText, Audiences = [.. audiences], Vos = ["hospital"], AllowHttpOnLoopback = true,

                    // Every unknown kid asks the issuer again, so the outage test meets the issuer whatever ran before.
                    UnknownKeyRefreshSeconds = 0,
                },
                new TokenIssuerSettings
                {
                    Issuer = OtherVo.IssuerText, Audiences = [.. audiences], Vos = ["other"], AllowHttpOnLoopback = true,

                    // node3 refuses tokens claiming groups of VOs their issuer does not speak for; node1 and node2 drop those groups.
                    RefuseUntrustedGroups = index == 2,
                },
            ],
        };
        options.Roles.Creators.Add("fqan:/hospital/research");
        options.Roles.Creators.Add($"oidc:{Hospital.IssuerText}#{OidcClients.ServiceId}");
        options.Roles.Auditors.Add("fqan:/hospital/security");
    }
}
