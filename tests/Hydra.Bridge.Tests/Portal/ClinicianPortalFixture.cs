using Hydra.Access;
using Hydra.Bridge.Contract;
using Hydra.Bridge.Options;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Hosting;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hydra.Bridge.Tests.Portal;

/// <summary>
/// Clinicians in the portal, with real peers only: npm oidc-provider (patients, a radiology clinician, a cardiologist),
/// three keystore nodes that trust it for one cluster audience, and a bridge whose portal asks access tokens for that
/// audience (<c>Bridge:Portal:KeystoreResource</c>) and whose <c>Bridge:Tokens</c> trust it too. Two studies are
/// ingested: one from the default sender (radiology may read it) and one from a cardiology sender (cardiology only).
/// </summary>
public sealed class ClinicianPortalFixture : IAsyncLifetime
{
    public const string Collection = "portal-clinician";

    /// <summary>The audience the nodes and the bridge accept, and the resource the portal asks tokens for.</summary>
    public const string ClusterAudience = "https://cluster.hydra.test";

    /// <summary>A sender whose studies only cardiology may read.</summary>
    public const string CardiologySender = "CARDIOLOGY";

    public static readonly OidcAccount Cardiologist = new("dr-heart", ["/hospital/cardiology"]);

    /// <summary>A patient whose grant never holds <c>patient/ImagingStudy.rs</c>.</summary>
    public static readonly OidcAccount PatientWithoutImaging = new("patient-c", [], new Dictionary<string, object> { ["patient"] = "HOSP-C-0003" })
    {
        WithheldScopes = ["patient/ImagingStudy.rs"],
    };

    private readonly TempDirectory _folder = new("hydra-portal-clinician");

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public OidcProvider Provider { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public TestBridge Bridge { get; private set; } = null!;

    /// <summary>The images of the study radiology may read, as the catalog lists them (de-identified UIDs).</summary>
    public IReadOnlyList<ImageSummary> Radiology { get; private set; } = [];

    /// <summary>The images of the study only cardiology may read.</summary>
    public IReadOnlyList<ImageSummary> Cardiology { get; private set; } = [];

    public int PortalPort => Bridge.Node.PortalPort ?? throw new InvalidOperationException("The portal is not listening.");

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            Accounts = [.. OidcProviderOptions.PortalAccounts, Cardiologist, PatientWithoutImaging],
        });
        Cluster = await TestCluster.StartAsync(Pki, configure: options => options.Tokens = new TokenSettings { Issuers = [Issuer()] });
        Bridge = await TestBridge.StartAsync(Pki, Cluster, options =>
        {
            options.Portal = new BridgePortalOptions
            {
                Port = 0,
                Authority = Provider.IssuerText,
                ClientId = OidcClients.PortalId,
                KeystoreResource = ClusterAudience,
                SignInPerMinute = 100,
            };
            options.Tokens = new TokenSettings { Issuers = [Issuer()] };
            options.Sources[CardiologySender] = new BridgeSourceOptions { Acl = ["fqan:/hospital/cardiology=g"] };
        });
        Radiology = await IngestAsync("radiology", "HOSPITAL", OidcProviderOptions.Clinician, 2);
        Cardiology = await IngestAsync("cardiology", CardiologySender, Cardiologist, 1);
    }

    /// <summary>A client of the portal (or of <paramref name="port"/>, another bridge's portal).</summary>
    internal PortalClient Client(int? port = null) => new(Pki, port ?? PortalPort);

    /// <summary>A client signed in as <paramref name="account"/> (the callback redirected home and set the session cookie).</summary>
    internal async Task<PortalClient> SignedInAsync(OidcAccount account, int? port = null)
    {
        var client = Client(port);
        using var callback = await client.SignInAsync(account);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, callback.StatusCode);
        Assert.NotNull(client.SessionCookie);
        return client;
    }

    /// <summary>The principal text of <paramref name="account"/>'s tokens, as the nodes audit it.</summary>
    public string Subject(OidcAccount account) => Principal.ForToken(new TokenSubject(Provider.IssuerText, account.Id)).Canonical;

    /// <summary>
    /// Another bridge on the same cluster and provider, configured as the fixture's and then by
    /// <paramref name="configure"/>, on its own data folder; with <paramref name="time"/> as its clock.
    /// </summary>
    public async Task<BridgeNode> StartAnotherBridgeAsync(Action<BridgeOptions> configure, TimeProvider? time = null)
    {
        var data = _folder.Combine($"bridge-{Guid.NewGuid():N}");
        return await BridgeNode.StartAsync(
            [],
            options =>
            {
                Bridge.Configure(options);
                options.DataDirectory = data;
                configure(options);
            },
            CancellationToken.None,
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                if (time is not null)
                {
                    builder.Services.AddSingleton(time);
                }
            }).DefaultTimeout();
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
        _folder.Dispose();
    }

    /// <summary>Sends a study from <paramref name="sender"/>; returns its images as <paramref name="reader"/>'s token lists them.</summary>
    private async Task<IReadOnlyList<ImageSummary>> IngestAsync(string name, string sender, OidcAccount reader, int count)
    {
        var study = SampleStudy.Write(_folder.Combine(name), count, size: 64);
        var sent = await Bridge.StorescuAsync(study.Files, sender);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var token = await Provider.DeviceFlowAsync(reader.Id, ClusterAudience, "openid storage.read:/").DefaultTimeout();
        var client = Bridge.ConnectReader(token.AccessToken, GridReader.CertificateOf(Pki, DevUser.Reader));
        var before = Radiology.Concat(Cardiology).Select(i => i.SopInstanceUid).ToHashSet();
        var images = (await client.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Where(i => !before.Contains(i.SopInstanceUid)).ToList();
        Assert.Equal(count, images.Count);
        return images;
    }

    private TokenIssuerSettings Issuer() => new()
    {
        Issuer = Provider.IssuerText,
        Audiences = [ClusterAudience],
        Vos = ["hospital"],
        AllowHttpOnLoopback = true,
    };
}

/// <summary>Shares one <see cref="ClinicianPortalFixture"/> between the clinician portal tests.</summary>
[CollectionDefinition(ClinicianPortalFixture.Collection)]
public sealed class ClinicianPortalCollection : ICollectionFixture<ClinicianPortalFixture>;
