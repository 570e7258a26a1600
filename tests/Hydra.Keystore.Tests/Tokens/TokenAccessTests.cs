using Hydra.Access;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;

namespace Hydra.Keystore.Tests.Tokens;

/// <summary>
/// Token holders on real nodes with a real OpenID provider: one ACL language (token groups match <c>fqan:</c> patterns,
/// token subjects are <c>oidc:</c> principals), roles for token groups and principals, and the audit trail naming them.
/// </summary>
[Collection(TokenClusterCollection.Name)]
public sealed class TokenAccessTests
{
    private readonly TokenClusterFixture _fixture;

    public TokenAccessTests(TokenClusterFixture fixture) => _fixture = fixture;

    private TestCluster Cluster => _fixture.Cluster;

    private async Task<KeyId> RegisterAsClinicianAsync(string principal)
    {
        var (id, key) = Keys.NewKey();
        await Cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(
            id, key, [AclEntry.For(principal, KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        return id;
    }

    [Fact]
    public async Task TokenGroup_ReadsKeyGrantedToTheFqan_WithoutAClientCertificate()
    {
        // Arrange
        var (id, key) = Keys.NewKey();
        await Cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(
            id, key, [AclEntry.For("fqan:/hospital/radiology", KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        var token = await _fixture.UserTokenAsync(TokenClusterFixture.Radiologist);

        // Act
        using var fetched = await Cluster.ConnectWithToken(token.AccessToken).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(key, fetched.Key.ToArray());
    }

    [Fact]
    public async Task TokenSubject_ReadsKeyGrantedToItsOidcPrincipal()
    {
        var (id, key) = Keys.NewKey();
        await Cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(
            id, key, [AclEntry.For(_fixture.HospitalPrincipal("bob"), KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        var token = await _fixture.UserTokenAsync(TokenClusterFixture.Cardiologist);

        using var fetched = await Cluster.ConnectWithToken(token.AccessToken).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        Assert.Equal(key, fetched.Key.ToArray());
    }

    [Fact]
    public async Task AnyEntry_CoversATokenHolder_AndADenyOfItsGroupWins()
    {
        var (id, key) = Keys.NewKey();
        await Cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(
            id, key, [AclEntry.For("any", KeyPermissions.GetShare), AclEntry.ParseRule("!fqan:/hospital/cardiology=g")], CancellationToken.None).DefaultTimeout();
        var alice = await _fixture.UserTokenAsync(TokenClusterFixture.Radiologist);
        var bob = await _fixture.UserTokenAsync(TokenClusterFixture.Cardiologist);

        using var fetched = await Cluster.ConnectWithToken(alice.AccessToken).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();
        var error = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectWithToken(bob.AccessToken).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Assert.Equal(key, fetched.Key.ToArray());
        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
    }

    [Fact]
    public async Task TokenWithoutTheGroup_IsRefused_AndAudited()
    {
        var id = await RegisterAsClinicianAsync("fqan:/hospital/radiology");
        var token = await _fixture.UserTokenAsync(TokenClusterFixture.Cardiologist);

        var error = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectWithToken(token.AccessToken).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
        var trail = await TokenCalls.VerifiedTrailAsync(Cluster, "node1");
        Assert.Contains(trail, e => e.Operation == "GetShare" && e.KeyId == id.Value && e.Outcome == AuditEntry.Denied
            && e.Subject == _fixture.HospitalPrincipal("bob") && e.Fqans.SequenceEqual(["/hospital/cardiology"]));
    }

    [Fact]
    public async Task CreatorRoleForATokenGroup_RegistersAKey_OwnedByTheTokenSubject()
    {
        // Arrange: carol's group /hospital/research holds the creator role on every node.
        var token = await _fixture.UserTokenAsync(TokenClusterFixture.Researcher);
        var carol = Cluster.ConnectWithToken(token.AccessToken);
        var (id, key) = Keys.NewKey();

        // Act
        await carol.RegisterKeyAsync(id, key, [AclEntry.For("fqan:/hospital/radiology", KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        var acl = await carol.GetAclAsync(id, CancellationToken.None).DefaultTimeout();
        using var fetched = await carol.GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        // Assert: the owner is the oidc: principal on every node, and the owner may read its key back.
        Assert.True(acl.Consistent);
        Assert.Equal(PrincipalKind.Oidc, acl.Acl!.Owner.Kind);
        Assert.Equal(_fixture.HospitalPrincipal("carol"), acl.Acl.OwnerText);
        Assert.Equal(key, fetched.Key.ToArray());
    }

    [Fact]
    public async Task CreatorRoleForATokenPrincipal_LetsAServiceTokenRegister()
    {
        var token = await _fixture.Hospital.ClientCredentialsAsync(TokenClusterFixture.ClusterAudience, "compute.create").DefaultTimeout();
        var service = Cluster.ConnectWithToken(token.AccessToken);
        var (id, key) = Keys.NewKey();

        await service.RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
        var acl = await service.GetAclAsync(id, CancellationToken.None).DefaultTimeout();

        Assert.Equal(_fixture.HospitalPrincipal(OidcClients.ServiceId), acl.Acl!.OwnerText);
    }

    [Fact]
    public async Task TokenWithoutCreatorRole_CannotRegister_AndNothingIsStored()
    {
        var token = await _fixture.UserTokenAsync(TokenClusterFixture.Radiologist);
        var (id, key) = Keys.NewKey();

        var error = await Rpc.ThrowsClusterAsync(() =>
            Cluster.ConnectWithToken(token.AccessToken).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
        await TokenAssert.NotStoredAsync(Cluster, id);
    }

    [Fact]
    public async Task AuditorRoleForATokenGroup_ReadsTheTrail_WhichNamesTokenCallersByTheDesign()
    {
        // Arrange: alice reads a key with her token, so node1 records her.
        var (id, key) = Keys.NewKey();
        await Cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(
            id, key, [AclEntry.For("fqan:/hospital/radiology", KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        var alice = await _fixture.UserTokenAsync(TokenClusterFixture.Radiologist);
        using (await Cluster.ConnectWithToken(alice.AccessToken).GetKeyAsync(id, CancellationToken.None).DefaultTimeout())
        {
        }

        var officer = await _fixture.UserTokenAsync(TokenClusterFixture.Officer);

        // Act: dave (group /hospital/security, auditor by FQAN) reads every node's trail with his token only.
        var trails = new List<List<AuditEntry>>();
        for (var i = 0; i < Cluster.NodeCount; i++)
        {
            trails.Add(await TokenCalls.TrailWithTokenAsync(Cluster, i, officer.AccessToken).DefaultTimeout());
        }

        // Assert
        for (var i = 0; i < Cluster.NodeCount; i++)
        {
            var verification = AuditChainVerifier.Verify(TestCluster.NodeId(i), trails[i]);
            Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
            Assert.DoesNotContain(trails[i], e => TokenAssert.Mentions(e, alice.AccessToken) || TokenAssert.Mentions(e, officer.AccessToken));
        }

        var jti = alice.Jwt.Payload.GetProperty("jti").GetString();
        var released = trails.SelectMany(t => t).Where(e => e.Operation == "GetShare" && e.KeyId == id.Value && e.Outcome == AuditEntry.Allowed).ToList();
        Assert.InRange(released.Count, 2, 3);
        Assert.All(released, e =>
        {
            Assert.Equal(_fixture.HospitalPrincipal("alice"), e.Subject);
            Assert.Equal("jti:" + jti, e.Issuer);
            Assert.Equal(["/hospital/radiology"], e.Fqans);
            Assert.Equal(0, e.ProxyDepth);
            Assert.Empty(e.Delegate);
        });
        Assert.Contains(trails[0], e => e.Operation == "QueryAudit" && e.Subject == _fixture.HospitalPrincipal("dave"));
    }

    [Fact]
    public async Task TokenAndCertificate_OnOneConnection_TheTokenNamesTheCaller()
    {
        var token = await _fixture.UserTokenAsync(TokenClusterFixture.Radiologist);

        var status = await Cluster.ConnectWithToken(token.AccessToken, TokenCalls.UserCredential(_fixture.Pki, DevUser.Clinician))
            .GetStatusAsync(CancellationToken.None).DefaultTimeout();

        Assert.All(status, s =>
        {
            Assert.Null(s.Failure);
            Assert.Equal(_fixture.HospitalPrincipal("alice"), s.Caller!.Subject);
            Assert.Equal(["/hospital/radiology"], s.Caller.Fqans);
        });
    }

    [Fact]
    public async Task NeitherTokenNorCertificate_IsRefused_NamingBothWays()
    {
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => TokenCalls.NodeInfoAsync(Cluster, _fixture.Pki, 0, credential: null, authorization: null));

        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("neither a client certificate nor a bearer token", error.Status.Detail, StringComparison.Ordinal);
        var trail = await TokenCalls.VerifiedTrailAsync(Cluster, "node1");
        Assert.Contains(trail, e => e.Operation == "GetNodeInfo" && e.Outcome == AuditEntry.Denied
            && e.Reason.Contains("neither a client certificate nor a bearer token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuthorizationHeaderOfAnotherScheme_IsRefused()
    {
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => TokenCalls.NodeInfoAsync(Cluster, _fixture.Pki, 0, null, "Basic YWxpY2U6cHc="));

        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("scheme other than Bearer", error.Status.Detail, StringComparison.Ordinal);
    }
}
