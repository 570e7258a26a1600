using Hydra.Access;
using Hydra.Audit;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;

namespace Hydra.Keystore.Tests.Tokens;

/// <summary>
/// The bad input on real nodes: each token is refused as Unauthenticated with a message naming the reason,
/// audited under the subject it claims (never the token), and a refused registration stores nothing. The forgeries
/// carry the claims of a real token of a creator (carol), so accepting one would have registered the key.
/// </summary>
[Collection(TokenClusterCollection.Name)]
public sealed class TokenRefusalTests
{
    private readonly TokenClusterFixture _fixture;

    public TokenRefusalTests(TokenClusterFixture fixture) => _fixture = fixture;

    private TestCluster Cluster => _fixture.Cluster;

    private Task<TokenResponse> CarolAsync() => _fixture.UserTokenAsync(TokenClusterFixture.Researcher);

    /// <summary>Registers a key with <paramref name="token"/>, expects every node to refuse it for <paramref name="reason"/>, and checks the trail.</summary>
    private async Task<AuditEntry> AssertRefusedAsync(string token, string reason, string claimedSubject)
    {
        var (id, key) = Keys.NewKey();

        var error = await Rpc.ThrowsClusterAsync(() =>
            Cluster.ConnectWithToken(token).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(error, NodeFailureKind.Unauthenticated);
        Assert.All(error.Failures, f => Assert.Contains($"({reason})", f.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        await TokenAssert.NotStoredAsync(Cluster, id);
        var trail = await TokenCalls.VerifiedTrailAsync(Cluster, "node1");
        Assert.DoesNotContain(trail, e => TokenAssert.Mentions(e, token));
        var jti = Hydra.Tokens.TokenValidator.Claimed(token).TokenId;
        var record = TokenAssert.Refusal(trail, claimedSubject, jti, reason);
        Assert.Equal("RegisterShares", record.Operation);
        return record;
    }

    [Fact]
    public async Task UnknownIssuer_IsRefused()
    {
        var forged = ForgedTokens.SignedByUnknownKey(await CarolAsync(), issuer: "https://idp.evil.test");

        await AssertRefusedAsync(forged, "UnknownIssuer", "oidc:https://idp.evil.test#carol");
    }

    [Fact]
    public async Task NotAJwt_IsRefusedAsMalformed_AndAuditedUnderTheUnreadableSubject()
    {
        var record = await AssertRefusedAsync("abc.def.ghi", "Malformed", "oidc:https://unreadable.invalid/#?");

        Assert.Equal("jti:?", record.Issuer);
        Assert.Empty(record.Fqans);
    }

    [Fact]
    public async Task SignatureByAnUnknownKey_IsRefused()
    {
        var forged = ForgedTokens.SignedByUnknownKey(await CarolAsync());

        await AssertRefusedAsync(forged, "UnknownKey", _fixture.HospitalPrincipal("carol"));
    }

    [Fact]
    public async Task ForeignSignatureUnderTheIssuersKid_IsRefused()
    {
        var forged = ForgedTokens.SignedUnderRealKid(await CarolAsync());

        await AssertRefusedAsync(forged, "BadSignature", _fixture.HospitalPrincipal("carol"));
    }

    [Fact]
    public async Task AlgNone_IsRefused()
    {
        var forged = ForgedTokens.AlgNone(await CarolAsync());

        await AssertRefusedAsync(forged, "AlgorithmNotAllowed", _fixture.HospitalPrincipal("carol"));
    }

    [Fact]
    public async Task Hs256KeyedWithTheIssuersPublicKey_IsRefused()
    {
        var forged = await ForgedTokens.HmacWithPublicKeyAsync(_fixture.Hospital, await CarolAsync());

        await AssertRefusedAsync(forged, "AlgorithmNotAllowed", _fixture.HospitalPrincipal("carol"));
    }

    [Fact]
    public async Task UnknownKidWhileTheIssuerIsDown_FailsClosed_WhileCachedKeysServe()
    {
        var carol = await CarolAsync();
        var forged = ForgedTokens.SignedByUnknownKey(carol);
        await Cluster.ConnectWithToken(carol.AccessToken).GetStatusAsync(CancellationToken.None).DefaultTimeout();
        await _fixture.Hospital.SetOutageAsync(OidcOutage.Refuse).DefaultTimeout();
        try
        {
            await AssertRefusedAsync(forged, "IssuerUnreachable", _fixture.HospitalPrincipal("carol"));

            // The real token's key is cached: it still works while the issuer is down.
            var status = await Cluster.ConnectWithToken(carol.AccessToken).GetStatusAsync(CancellationToken.None).DefaultTimeout();
            Assert.All(status, s => Assert.Equal(_fixture.HospitalPrincipal("carol"), s.Caller?.Subject));
        }
        finally
        {
            await _fixture.Hospital.SetOutageAsync(OidcOutage.None).DefaultTimeout();
        }
    }

    [Fact]
    public async Task TokenLongerThanMaxTokenLength_IsRefusedBeforeParsing_AndAudited()
    {
        // 12 000 characters: over the 8 KiB MaxTokenLength, under Kestrel's 32 KiB header limits.
        var forged = ForgedTokens.Padded(await CarolAsync(), 12_000);

        await AssertRefusedAsync(forged, "TooLarge", _fixture.HospitalPrincipal("carol"));
    }

    [Fact]
    public async Task IssuerOfAnotherVo_ClaimingAHospitalGroup_LosesIt_OrIsRefusedWhereConfigured()
    {
        // Arrange: a key for /hospital/radiology; mallory's IdP speaks for VO "other" only but claims that group.
        var (id, key) = Keys.NewKey();
        await Cluster.ConnectAs(Hydra.CertsDev.DevUser.Clinician).RegisterKeyAsync(
            id, key, [AclEntry.For("fqan:/hospital/radiology", KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        var mallory = await _fixture.UserTokenAsync(TokenClusterFixture.Impostor, provider: _fixture.OtherVo);
        var client = Cluster.ConnectWithToken(mallory.AccessToken);

        // Act
        var error = await Rpc.ThrowsClusterAsync(() => client.GetKeyAsync(id, CancellationToken.None).DefaultTimeout());
        var status = await client.GetStatusAsync(CancellationToken.None).DefaultTimeout();

        // Assert: node1 and node2 drop the group (the fqan ACL refuses); node3 has RefuseUntrustedGroups.
        var byNode = error.Failures.ToDictionary(f => f.NodeId);
        Assert.Equal(NodeFailureKind.PermissionDenied, byNode["node1"].Kind);
        Assert.Equal(NodeFailureKind.PermissionDenied, byNode["node2"].Kind);
        Assert.Equal(NodeFailureKind.Unauthenticated, byNode["node3"].Kind);
        Assert.Contains("(UntrustedGroup)", byNode["node3"].Message, StringComparison.Ordinal);
        Assert.Equal(["/other/staff"], status[0].Caller!.Fqans);
        var subject = $"oidc:{_fixture.OtherVo.IssuerText}#mallory";
        var trail3 = await TokenCalls.VerifiedTrailAsync(Cluster, "node3");
        TokenAssert.Refusal(trail3, subject, mallory.Jwt.Payload.GetProperty("jti").GetString(), "UntrustedGroup");
        var trail1 = await TokenCalls.VerifiedTrailAsync(Cluster, "node1");
        Assert.Contains(trail1, e => e.Operation == "GetShare" && e.KeyId == id.Value && e.Outcome == AuditEntry.Denied
            && e.Subject == subject && e.Fqans.SequenceEqual(["/other/staff"]));
    }

    [Fact]
    public async Task OneMegabyteToken_IsCutByTheHttp2HeaderLimits_BeforeItReachesTheNode()
    {
        // Arrange
        var carol = await CarolAsync();
        var forged = ForgedTokens.Padded(carol, 1 << 20);
        var (id, key) = Keys.NewKey();
        var lengthBefore = (await TokenCalls.VerifiedTrailAsync(Cluster, "node1")).Count;

        // Act
        var direct = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => TokenCalls.NodeInfoAsync(Cluster, _fixture.Pki, 0, null, "Bearer " + forged));
        var error = await Rpc.ThrowsClusterAsync(() =>
            Cluster.ConnectWithToken(forged).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout());

        // Assert: nothing reached the node's code (no record, nothing stored) and the nodes still serve.
        Assert.True(IsCutByHeaderLimits(direct.Status.Detail), direct.Status.Detail);
        Assert.Equal(Cluster.NodeCount, error.Failures.Count);
        Assert.All(error.Failures, f => Assert.True(IsCutByHeaderLimits(f.Message), f.Message));
        Assert.DoesNotContain(forged[^64..], error.Message, StringComparison.Ordinal);
        await TokenAssert.NotStoredAsync(Cluster, id);
        var trail = await TokenCalls.VerifiedTrailAsync(Cluster, "node1");
        Assert.DoesNotContain(trail.Skip(lengthBefore), e => e.Operation is "RegisterShares" or "RegisterShare" or "GetNodeInfo");
        var status = await Cluster.ConnectWithToken(carol.AccessToken).GetStatusAsync(CancellationToken.None).DefaultTimeout();
        Assert.All(status, s => Assert.Null(s.Failure));
    }

    /// <summary>
    /// What a client sees of a header block over the node's limits: a client that has read the node's HTTP/2 SETTINGS
    /// refuses to send it (naming SETTINGS_MAX_HEADER_LIST_SIZE, Kestrel's 32 KiB); on a connection so new that the
    /// SETTINGS have not arrived it sends, and Kestrel's HPACK decoder ends the connection at its 32 KiB field limit.
    /// </summary>
    private static bool IsCutByHeaderLimits(string message) =>
        message.Contains("exceeded the server limit of 32768 bytes", StringComparison.Ordinal)
        || message.Contains("COMPRESSION_ERROR", StringComparison.Ordinal);
}
