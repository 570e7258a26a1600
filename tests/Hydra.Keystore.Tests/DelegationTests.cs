using Hydra.Access;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;

namespace Hydra.Keystore.Tests;

/// <summary>
/// The bridge fetching keys for readers: nodes accept a delegate only for chains they validate themselves, decide by
/// the reader's ACL, and audit both.
/// </summary>
public sealed class DelegationTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public DelegationTests(ClusterFixture fixture) => _fixture = fixture;

    private TestCluster Cluster => _fixture.Cluster;

    private DevPki Pki => _fixture.Pki;

    private async Task<(KeyId Id, byte[] Key)> RegisterAsBridgeAsync()
    {
        var (id, key) = Keys.NewKey();
        await Cluster.ConnectAsHost("bridge").RegisterKeyAsync(
            id, key, [AclEntry.For("fqan:/hospital/radiology", KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        return (id, key);
    }

    private ProxyCredential Proxy(string user) => Pki.CreateProxy(new ProxyRequest { User = user, Lifetime = TimeSpan.FromHours(1) });

    [Fact]
    public async Task Bridge_FetchesForAnAuthorisedReader_AndBothAreAudited()
    {
        var (id, key) = await RegisterAsBridgeAsync();
        var reader = Proxy(DevUser.Reader);

        using var fetched = await Cluster.ConnectAsHost("bridge").OnBehalfOf(reader.Chain).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();
        var records = new List<AuditEntry>();
        await foreach (var entry in Cluster.ConnectAs(DevUser.Officer).QueryAuditAsync("node1", new AuditQueryOptions { KeyId = id.Value }, CancellationToken.None))
        {
            records.Add(entry);
        }

        Assert.Equal(key, fetched.Key.ToArray());
        Assert.Contains(records, e => e.Operation == "GetShare" && e.Outcome == AuditEntry.Allowed
            && e.Subject == Pki.User(DevUser.Reader).SubjectDn && e.Delegate == Pki.Host("bridge").SubjectDn
            && e.Fqans.Contains("/hospital/radiology"));
    }

    [Fact]
    public async Task Bridge_ForAReaderTheAclRefuses_GetsNothing()
    {
        var (id, _) = await RegisterAsBridgeAsync();

        var error = await Rpc.ThrowsClusterAsync(() =>
            Cluster.ConnectAsHost("bridge").OnBehalfOf(Proxy(DevUser.Researcher).Chain).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
        Assert.Contains(Pki.User(DevUser.Researcher).SubjectDn, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bridge_ForARevokedReader_IsRefusedAsUnauthenticated()
    {
        var (id, _) = await RegisterAsBridgeAsync();

        var error = await Rpc.ThrowsClusterAsync(() =>
            Cluster.ConnectAsHost("bridge").OnBehalfOf(Proxy(DevUser.Revoked).Chain).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.Unauthenticated);
        Assert.Contains("revoked", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NonDelegate_ForwardingAChain_IsRefused()
    {
        var (id, _) = await RegisterAsBridgeAsync();

        var error = await Rpc.ThrowsClusterAsync(() =>
            Cluster.ConnectAs(DevUser.Clinician).OnBehalfOf(Proxy(DevUser.Reader).Chain).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
        Assert.Contains("does not hold the delegate role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delegate_CannotReachAnythingButShares_ForOthers()
    {
        var officer = Cluster.ConnectAsHost("bridge").OnBehalfOf(Proxy(DevUser.Officer).Chain);

        var error = await Assert.ThrowsAsync<ClusterException>(() => officer.ListKeysAsync(string.Empty, CancellationToken.None).DefaultTimeout());

        Assert.All(error.Failures, f => Assert.Equal(NodeFailureKind.PermissionDenied, f.Kind));
        Assert.Contains("delegates only fetch shares", error.Message, StringComparison.Ordinal);
    }
}
