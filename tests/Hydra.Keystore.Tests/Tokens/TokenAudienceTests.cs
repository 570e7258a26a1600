using Hydra.Access;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;

namespace Hydra.Keystore.Tests.Tokens;

/// <summary>
/// Audience per node (a token for node1 is replayed in vain to node2) and the bridge fetching for a token holder by
/// forwarding the holder's own token, which the nodes validate against their own audiences.
/// </summary>
[Collection(TokenClusterCollection.Name)]
public sealed class TokenAudienceTests
{
    private readonly TokenClusterFixture _fixture;

    public TokenAudienceTests(TokenClusterFixture fixture) => _fixture = fixture;

    private TestCluster Cluster => _fixture.Cluster;

    private async Task<(KeyId Id, byte[] Key)> RadiologyKeyAsync()
    {
        var (id, key) = Keys.NewKey();
        await Cluster.ConnectAsHost("bridge").RegisterKeyAsync(
            id, key, [AclEntry.For("fqan:/hospital/radiology", KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        return (id, key);
    }

    [Fact]
    public async Task TokenForNode1_WorksOnNode1_AndIsRefusedAsWrongAudienceByTheOthers()
    {
        var token = await _fixture.UserTokenAsync(TokenClusterFixture.Radiologist, TokenClusterFixture.NodeAudience(0));

        var status = await Cluster.ConnectWithToken(token.AccessToken).GetStatusAsync(CancellationToken.None).DefaultTimeout();

        Assert.Null(status[0].Failure);
        Assert.Equal(_fixture.HospitalPrincipal("alice"), status[0].Caller!.Subject);
        foreach (var replayed in status.Skip(1))
        {
            Assert.Equal(NodeFailureKind.Unauthenticated, replayed.Failure!.Kind);
            Assert.Contains("(WrongAudience)", replayed.Failure.Message, StringComparison.Ordinal);
        }

        var trail = await TokenCalls.VerifiedTrailAsync(Cluster, "node2");
        var record = TokenAssert.Refusal(trail, _fixture.HospitalPrincipal("alice"), token.Jwt.Payload.GetProperty("jti").GetString(), "WrongAudience");
        Assert.Equal("GetNodeInfo", record.Operation);
        Assert.DoesNotContain(trail, e => TokenAssert.Mentions(e, token.AccessToken));
    }

    [Fact]
    public async Task TokenForTheSharedClusterAudience_WorksOnEveryNode()
    {
        var token = await _fixture.UserTokenAsync(TokenClusterFixture.Radiologist);

        var status = await Cluster.ConnectWithToken(token.AccessToken).GetStatusAsync(CancellationToken.None).DefaultTimeout();

        Assert.Equal(Cluster.NodeCount, status.Count);
        Assert.All(status, s => Assert.Equal(_fixture.HospitalPrincipal("alice"), s.Caller!.Subject));
    }

    [Fact]
    public async Task Bridge_ForwardingAReadersToken_FetchesTheKey_AndNodesAuditReaderAndBridge()
    {
        // Arrange
        var (id, key) = await RadiologyKeyAsync();
        var reader = await _fixture.UserTokenAsync(TokenClusterFixture.Radiologist);

        // Act
        using var fetched = await Cluster.ConnectAsHost("bridge").OnBehalfOf(reader.AccessToken).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(key, fetched.Key.ToArray());
        var released = 0;
        for (var i = 0; i < Cluster.NodeCount; i++)
        {
            var trail = await TokenCalls.VerifiedTrailAsync(Cluster, TestCluster.NodeId(i));
            Assert.DoesNotContain(trail, e => TokenAssert.Mentions(e, reader.AccessToken));
            released += trail.Count(e => e.Operation == "GetShare" && e.KeyId == id.Value && e.Outcome == AuditEntry.Allowed
                && e.Subject == _fixture.HospitalPrincipal("alice")
                && e.Issuer == "jti:" + reader.Jwt.Payload.GetProperty("jti").GetString()
                && e.Fqans.SequenceEqual(["/hospital/radiology"])
                && e.Delegate == _fixture.Pki.Host("bridge").SubjectDn);
        }

        Assert.InRange(released, 2, 3);
    }

    [Fact]
    public async Task NonDelegate_ForwardingAToken_IsRefused_AndAudited()
    {
        var (id, _) = await RadiologyKeyAsync();
        var reader = await _fixture.UserTokenAsync(TokenClusterFixture.Radiologist);

        var error = await Rpc.ThrowsClusterAsync(() =>
            Cluster.ConnectAs(DevUser.Clinician).OnBehalfOf(reader.AccessToken).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
        Assert.Contains("does not hold the delegate role", error.Message, StringComparison.Ordinal);
        var trail = await TokenCalls.VerifiedTrailAsync(Cluster, "node1");
        Assert.Contains(trail, e => e.Operation == "GetShare" && e.KeyId == id.Value && e.Outcome == AuditEntry.Denied
            && e.Subject == _fixture.Pki.User(DevUser.Clinician).SubjectDn && e.Reason.Contains("delegate role", StringComparison.Ordinal));
        Assert.DoesNotContain(trail, e => TokenAssert.Mentions(e, reader.AccessToken));
    }

    [Fact]
    public async Task ForwardedTokenForOneNodesAudience_IsRefusedByTheOthers()
    {
        var (id, _) = await RadiologyKeyAsync();
        var reader = await _fixture.UserTokenAsync(TokenClusterFixture.Radiologist, TokenClusterFixture.NodeAudience(0));

        var error = await Rpc.ThrowsClusterAsync(() =>
            Cluster.ConnectAsHost("bridge").OnBehalfOf(reader.AccessToken).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());

        var refusals = error.Failures.Where(f => f.NodeId != "node1").ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, f =>
        {
            Assert.Equal(NodeFailureKind.Unauthenticated, f.Kind);
            Assert.Contains("(WrongAudience)", f.Message, StringComparison.Ordinal);
        });
        var trail = await TokenCalls.VerifiedTrailAsync(Cluster, "node3");
        var record = TokenAssert.Refusal(trail, _fixture.HospitalPrincipal("alice"), reader.Jwt.Payload.GetProperty("jti").GetString(), "WrongAudience");
        Assert.Equal(_fixture.Pki.Host("bridge").SubjectDn, record.Delegate);
    }
}
