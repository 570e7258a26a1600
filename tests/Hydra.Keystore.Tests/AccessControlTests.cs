using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Google.Protobuf;
using Grpc.Core;
using Hydra.Keystore.V1;
using Hydra.Sharing;
using AclEntry = Hydra.Access.AclEntry;

namespace Hydra.Keystore.Tests;

/// <summary>The ACL matrix on a real three-node cluster with end-entity credentials.</summary>
public sealed class AccessControlTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public AccessControlTests(ClusterFixture fixture) => _fixture = fixture;

    private TestCluster Cluster => _fixture.Cluster;

    private string Dn(string user) => "dn:" + _fixture.Pki.User(user).SubjectDn;

    private async Task<(KeyId Id, byte[] Key)> RegisterAsClinicianAsync(params AclEntry[] acl)
    {
        var (id, key) = Keys.NewKey();
        var report = await Cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(id, key, acl, CancellationToken.None).DefaultTimeout();
        Assert.True(report.Complete);
        return (id, key);
    }

    [Fact]
    public async Task GetKey_Owner_RebuildsTheKey()
    {
        var (id, key) = await RegisterAsClinicianAsync();

        using var fetched = await Cluster.ConnectAs(DevUser.Clinician).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        Assert.Equal(key, fetched.Key.ToArray());
        Assert.Empty(fetched.BadNodes);
    }

    [Fact]
    public async Task GetKey_ReaderGrantedByDn_RebuildsTheKey()
    {
        var (id, key) = await RegisterAsClinicianAsync(AclEntry.For(Dn(DevUser.Reader), KeyPermissions.GetShare));

        using var fetched = await Cluster.ConnectAs(DevUser.Reader).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        Assert.Equal(key, fetched.Key.ToArray());
    }

    [Fact]
    public async Task GetKey_KeyGrantedToAny_NodesOwnHostCredentialIsRefusedEverywhere_APersonIsNot()
    {
        // The finding: a node's host credential collected its peers' shares of a key granted to "any".
        var (id, key) = await RegisterAsClinicianAsync(AclEntry.For("any", KeyPermissions.GetShare));

        var error = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAsHost("node1").GetKeyAsync(id, CancellationToken.None).DefaultTimeout());
        using var fetched = await Cluster.ConnectAs(DevUser.Researcher).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
        Assert.Equal(key, fetched.Key.ToArray());
    }

    [Theory]
    [InlineData(DevUser.Researcher)]
    [InlineData(DevUser.NoVo)]
    [InlineData(DevUser.Reader)]
    public async Task GetKey_Stranger_IsDeniedOnEveryNode(string stranger)
    {
        var (id, _) = await RegisterAsClinicianAsync();

        var error = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(stranger).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
        Assert.True(error.IsAccessDenied);
        Assert.Contains("may not get the share", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKey_RevokedUser_IsUnauthenticatedWithReason()
    {
        var (id, _) = await RegisterAsClinicianAsync(AclEntry.For(Dn(DevUser.Revoked), KeyPermissions.GetShare));

        var error = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(DevUser.Revoked).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.Unauthenticated);
        Assert.Contains("revoked", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetKey_ExpiredUser_IsUnauthenticatedWithReason()
    {
        var (id, _) = await RegisterAsClinicianAsync(AclEntry.For(Dn(DevUser.Expired), KeyPermissions.GetShare));

        var error = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(DevUser.Expired).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.Unauthenticated);
        Assert.Contains("expired", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetKey_Administrator_NeverReceivesAShareEvenWhenListed()
    {
        var (id, _) = await RegisterAsClinicianAsync(AclEntry.For(Dn(DevUser.Admin), KeyPermissions.GetShare));

        var error = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(DevUser.Admin).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
        Assert.Contains("administrator role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_ReadsAclAndDeletes_ButCannotWiden()
    {
        var (id, _) = await RegisterAsClinicianAsync(AclEntry.For(Dn(DevUser.Reader), KeyPermissions.GetShare | KeyPermissions.ReadAcl));
        var admin = Cluster.ConnectAs(DevUser.Admin);

        var acl = await admin.GetAclAsync(id, CancellationToken.None).DefaultTimeout();
        var widen = await Rpc.ThrowsClusterAsync(() => admin.SetAclAsync(
            id, [AclEntry.For(Dn(DevUser.Researcher), KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout());
        var restricted = await admin.SetAclAsync(
            id, [AclEntry.For(Dn(DevUser.Reader), KeyPermissions.ReadAcl)], CancellationToken.None).DefaultTimeout();
        var readerRefused = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(DevUser.Reader).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());
        var deleted = await admin.DeleteKeyAsync(id, CancellationToken.None).DefaultTimeout();
        var gone = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(DevUser.Clinician).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Assert.True(acl.Consistent);
        Assert.Equal(_fixture.Pki.User(DevUser.Clinician).SubjectDn, acl.Acl!.OwnerText);
        Rpc.AllNodes(widen, NodeFailureKind.PermissionDenied);
        Assert.Contains("may only restrict", widen.Message, StringComparison.Ordinal);
        Assert.True(restricted.Consistent);
        Rpc.AllNodes(readerRefused, NodeFailureKind.PermissionDenied);
        Assert.Empty(deleted);
        Assert.True(gone.IsNotFound);
    }

    [Fact]
    public async Task DenyEntry_OverridesAllowFromAGroup()
    {
        var (id, _) = await RegisterAsClinicianAsync(
            AclEntry.For("any", KeyPermissions.GetShare),
            AclEntry.For(Dn(DevUser.Researcher), KeyPermissions.GetShare, deny: true));

        using var reader = await Cluster.ConnectAs(DevUser.Reader).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();
        var denied = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(DevUser.Researcher).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Assert.Equal(32, reader.Key.Length);
        Rpc.AllNodes(denied, NodeFailureKind.PermissionDenied);
    }

    [Fact]
    public async Task AnyPrincipal_NeverGrantsWriteAcl()
    {
        var (id, _) = await RegisterAsClinicianAsync(AclEntry.For("any", KeyPermissions.All));

        var error = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(DevUser.NoVo).SetAclAsync(
            id, [AclEntry.For(Dn(DevUser.NoVo), KeyPermissions.All)], CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
    }

    [Fact]
    public async Task Owner_ChangesAcl_ReaderThenGetsKey_AndEveryNodeAgrees()
    {
        var (id, key) = await RegisterAsClinicianAsync();
        var clinician = Cluster.ConnectAs(DevUser.Clinician);

        var report = await clinician.SetAclAsync(id, [AclEntry.For(Dn(DevUser.Reader), KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        using var fetched = await Cluster.ConnectAs(DevUser.Reader).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        Assert.True(report.Consistent);
        Assert.Equal(2L, report.Acl!.Version);
        Assert.Equal(key, fetched.Key.ToArray());
    }

    [Fact]
    public async Task Register_CallerWithoutCreatorRole_IsDenied()
    {
        var (id, key) = Keys.NewKey();

        var error = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(DevUser.Reader).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
        Assert.Contains("not allowed to register keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListKeys_ShowsOnlyKeysTheCallerMaySee()
    {
        var (visible, _) = await RegisterAsClinicianAsync(AclEntry.For(Dn(DevUser.Researcher), KeyPermissions.GetShare));
        var (hidden, _) = await RegisterAsClinicianAsync();

        var listed = await Cluster.ConnectAs(DevUser.Researcher).ListKeysAsync(string.Empty, CancellationToken.None).DefaultTimeout();

        var mine = Assert.Single(listed, k => k.KeyId == visible.Value);
        Assert.Equal(KeyPermissions.GetShare, mine.Permissions);
        Assert.Equal(3, mine.Nodes.Count);
        Assert.DoesNotContain(listed, k => k.KeyId == hidden.Value);
    }

    [Fact]
    public async Task Status_ReportsEveryNodeAndTheCallersRoles()
    {
        var statuses = await Cluster.ConnectAs(DevUser.Officer).GetStatusAsync(CancellationToken.None).DefaultTimeout();

        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s =>
        {
            Assert.True(s.Reachable, s.Failure?.ToString());
            Assert.Equal(s.Node.Id, s.NodeId);
            Assert.Contains("auditor", s.Caller!.Roles);
            Assert.True(s.AuditLength > 0);
        });
    }

    [Fact]
    public async Task BadRequests_GetInvalidArgumentNamingTheProblem()
    {
        var (id, key) = Keys.NewKey();
        var clinician = Cluster.ConnectAs(DevUser.Clinician);
        // The typed client cannot even express a bad principal; a raw request must be refused by the node itself.
        var registration = new ShareRegistration
        {
            KeyId = id.Value,
            Envelope = ByteString.CopyFrom(KeySplitter.Split(id, key, 3, 2)[0].ToBytes()),
        };
        registration.Acl.Add(new V1.AclEntry { Principal = "user:someone", Permissions = (uint)KeyPermissions.GetShare });

        var clientSide = Assert.Throws<FormatException>(() => AclEntry.For("user:someone", KeyPermissions.GetShare));
        var badPrincipal = await Assert.ThrowsAsync<RpcException>(() => Cluster.RawClient(DevUser.Clinician)
            .RegisterShareAsync(new RegisterShareRequest { Share = registration }).ResponseAsync.DefaultTimeout());
        var badKeyId = await Rpc.ThrowsClusterAsync(() => clinician.GetKeyAsync(
            new KeyId(), CancellationToken.None).DefaultTimeout());

        Assert.Contains("must start with 'dn:' or 'fqan:'", clientSide.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badPrincipal.StatusCode);
        Assert.Contains("ACL entry 1: Principal 'user:someone' must start with 'dn:' or 'fqan:'", badPrincipal.Status.Detail, StringComparison.Ordinal);
        Rpc.AllNodes(badKeyId, NodeFailureKind.InvalidArgument);
    }
}
