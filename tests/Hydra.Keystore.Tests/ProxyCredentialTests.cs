using Hydra.Access;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests;

/// <summary>
/// Grid credentials for real: RFC 3820 proxies with VOMS ACs as the TLS client credential, FQAN ACLs, limited
/// proxies, and the negative matrix, each refused with a clear error and an audit record.
/// </summary>
public sealed class ProxyCredentialTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public ProxyCredentialTests(ClusterFixture fixture) => _fixture = fixture;

    private TestCluster Cluster => _fixture.Cluster;

    private DevPki Pki => _fixture.Pki;

    private KeystoreCluster Connect(ProxyCredential proxy) => Cluster.Connect(new TlsCredential(proxy.Chain, proxy.PrivateKey));

    private ProxyCredential Proxy(string user, params string[] fqans) =>
        Pki.CreateProxy(new ProxyRequest { User = user, Fqans = fqans.Length > 0 ? fqans : null, Lifetime = TimeSpan.FromHours(1) });

    private async Task<(KeyId Id, byte[] Key)> RegisterRadiologyKeyAsync()
    {
        var (id, key) = Keys.NewKey();
        await Connect(Proxy(DevUser.Clinician)).RegisterKeyAsync(
            id, key, [AclEntry.For("fqan:/hospital/radiology", KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        return (id, key);
    }

    [Fact]
    public async Task Proxy_IsAuthenticatedAsItsUser_WithValidatedFqans()
    {
        var status = await Connect(Proxy(DevUser.Clinician)).GetStatusAsync(CancellationToken.None).DefaultTimeout();

        Assert.All(status, s =>
        {
            Assert.True(s.Reachable, s.Failure?.ToString());
            Assert.Equal(Pki.User(DevUser.Clinician).SubjectDn, s.Caller!.Subject);
            Assert.Equal(1, s.Caller.ProxyDepth);
            Assert.Equal(["/hospital/radiology/Role=clinician"], s.Caller.Fqans);
            Assert.Contains("creator", s.Caller.Roles);
        });
    }

    [Fact]
    public async Task FqanAcl_GrantsTheGroup_AndRefusesOthers()
    {
        var (id, key) = await RegisterRadiologyKeyAsync();

        using var reader = await Connect(Proxy(DevUser.Reader)).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();
        var researcher = await Rpc.ThrowsClusterAsync(() => Connect(Proxy(DevUser.Researcher)).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());
        var readerWithoutVoms = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(DevUser.Reader).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Assert.Equal(key, reader.Key.ToArray());
        Rpc.AllNodes(researcher, NodeFailureKind.PermissionDenied);
        Rpc.AllNodes(readerWithoutVoms, NodeFailureKind.PermissionDenied);
    }

    [Fact]
    public async Task ProxyOfProxy_WithinPathLength_IsAccepted()
    {
        var (id, key) = await RegisterRadiologyKeyAsync();
        var first = Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, PathLength = 1 });
        var second = Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, IssueFrom = first, WithoutAc = true });

        using var fetched = await Connect(second).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();
        var status = await Connect(second).GetStatusAsync(CancellationToken.None).DefaultTimeout();

        Assert.Equal(key, fetched.Key.ToArray());
        Assert.All(status, s => Assert.Equal(2, s.Caller!.ProxyDepth));
    }

    [Fact]
    public async Task LimitedProxy_MayGetShares_ButChangesNothing()
    {
        var (id, key) = await RegisterRadiologyKeyAsync();
        var limitedReader = Connect(Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, Limited = true }));
        var limitedClinician = Connect(Pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician, Limited = true }));

        using var fetched = await limitedReader.GetKeyAsync(id, CancellationToken.None).DefaultTimeout();
        var setAcl = await Rpc.ThrowsClusterAsync(() => limitedClinician.SetAclAsync(id, [], CancellationToken.None).DefaultTimeout());
        var register = await Rpc.ThrowsClusterAsync(() => limitedClinician.RegisterKeyAsync(
            KeyId.New(), key, [], CancellationToken.None).DefaultTimeout());

        Assert.Equal(key, fetched.Key.ToArray());
        Rpc.AllNodes(setAcl, NodeFailureKind.PermissionDenied);
        Assert.Contains("limited proxy may not", setAcl.Message, StringComparison.Ordinal);
        Rpc.AllNodes(register, NodeFailureKind.PermissionDenied);
    }

    public static TheoryData<string> RefusedCredentials =>
    [
        "expired proxy", "expired AC", "AC from an unknown AA", "AC of someone else", "proxy signed by the wrong key",
        "revoked user", "proxy of a limited proxy", "path length exceeded", "unknown critical proxy extension",
        "unknown critical AC extension",
    ];

    [Theory]
    [MemberData(nameof(RefusedCredentials))]
    public async Task BadCredential_IsRefusedWithAReason_AndAudited(string credential)
    {
        var (id, _) = await RegisterRadiologyKeyAsync();
        var now = DateTimeOffset.UtcNow;
        var (proxy, reason) = credential switch
        {
            "expired proxy" => (Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, ProxyNotBefore = now.AddHours(-3), ProxyNotAfter = now.AddHours(-2) }), "expired"),
            "expired AC" => (Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, AcNotBefore = now.AddHours(-3), AcNotAfter = now.AddHours(-2) }), "expired"),
            "AC from an unknown AA" => (Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, AcSignedByRogueAuthority = true }), "AcUntrusted"),
            "AC of someone else" => (Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, AcHolder = DevUser.Researcher }), "AcHolderMismatch"),
            "proxy signed by the wrong key" => (Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, SignWithWrongKey = true }), "BadSignature"),
            "revoked user" => (Pki.CreateProxy(new ProxyRequest { User = DevUser.Revoked }), "Revoked"),
            "proxy of a limited proxy" => (Pki.CreateProxy(new ProxyRequest
            {
                User = DevUser.Reader,
                IssueFrom = Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, Limited = true }),
                WithoutAc = true,
            }), "LimitedProxyMisuse"),
            "path length exceeded" => (Pki.CreateProxy(new ProxyRequest
            {
                User = DevUser.Reader,
                IssueFrom = Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, PathLength = 0 }),
                WithoutAc = true,
            }), "PathLengthExceeded"),
            "unknown critical proxy extension" => (Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, UnknownCriticalProxyExtension = true }), "UnknownCriticalExtension"),
            _ => (Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, UnknownCriticalAcExtension = true }), "critical"),
        };

        var error = await Rpc.ThrowsClusterAsync(() => Connect(proxy).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());
        var trail = new List<AuditEntry>();
        await foreach (var entry in Cluster.ConnectAs(DevUser.Officer).QueryAuditAsync(
            "node1", new AuditQueryOptions { KeyId = id.Value, Outcome = AuditEntry.Denied }, CancellationToken.None))
        {
            trail.Add(entry);
        }

        Rpc.AllNodes(error, NodeFailureKind.Unauthenticated);
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(trail, e => e.Operation == "GetShare" && e.Subject == Pki.User(proxy.User).SubjectDn
            && e.Reason.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task VomsProxyFakeProxies_AreAcceptedWithTheirFqans_AndJudgedByThem()
    {
        var (id, key) = await RegisterRadiologyKeyAsync();
        var reader = await VomsProxyFake.CreateFileAsync(_fixture.PkiFixture, DevUser.Reader,
            ["-voms", "hospital", "-uri", Pki.VoAuthorities["hospital"], "-fqan", "/hospital/radiology/Role=NULL/Capability=NULL", "-hours", "1"]);
        var researcher = await VomsProxyFake.CreateFileAsync(_fixture.PkiFixture, DevUser.Researcher,
            ["-voms", "biomed", "-uri", Pki.VoAuthorities["biomed"], "-fqan", "/biomed/imaging", "-hours", "1"]);

        var readerClient = ConnectFile(reader);
        using var fetched = await readerClient.GetKeyAsync(id, CancellationToken.None).DefaultTimeout();
        var status = await readerClient.GetStatusAsync(CancellationToken.None).DefaultTimeout();
        var refused = await Rpc.ThrowsClusterAsync(() => ConnectFile(researcher).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Assert.Equal(key, fetched.Key.ToArray());
        Assert.All(status, s => Assert.Equal(["/hospital/radiology"], s.Caller!.Fqans));
        Rpc.AllNodes(refused, NodeFailureKind.PermissionDenied);
    }

    [Fact]
    public async Task Client_WithX509UserProxyAlone_WorksAsAGridJob()
    {
        var (id, key) = await RegisterRadiologyKeyAsync();
        var proxy = Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, OutputPath = Path.Combine(Cluster.Folder, "x509up_job") });
        var environment = new Dictionary<string, string?>
        {
            ["X509_USER_PROXY"] = proxy.Path,
            ["X509_CERT_DIR"] = Pki.TrustDirectory,
            ["X509_VOMS_DIR"] = Pki.VomsDirectory,
        };

        var credential = GridCredentialLoader.Load(name => environment.GetValueOrDefault(name), "/nonexistent-home");
        using var client = KeystoreCluster.Connect(Cluster.Configuration(), credential);
        using var fetched = await client.GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        Assert.Equal(key, fetched.Key.ToArray());
    }

    private KeystoreCluster ConnectFile(string proxyFile)
    {
        var (chain, privateKey) = GridCredentialLoader.ReadProxyFile(proxyFile);
        return Cluster.Connect(new TlsCredential(chain, privateKey));
    }
}
