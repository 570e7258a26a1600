using Grpc.Core;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Hosting;
using Hydra.Keystore.Options;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests.Tokens;

/// <summary>
/// Where the client certificate stays required (<c>AllowWithoutClientCertificate=false</c>, the default) a token
/// alone does not get through the TLS handshake, and a token beside a certificate names the caller.
/// </summary>
public sealed class TokenTransportTests : IClassFixture<TokenTransportTests.Fixture>
{
    private readonly Fixture _fixture;

    public TokenTransportTests(Fixture fixture) => _fixture = fixture;

    [Fact]
    public async Task CertificateRequired_TokenOnlyClient_IsRefusedInTheHandshake()
    {
        var token = await _fixture.Provider.ClientCredentialsAsync(TokenClusterFixture.ClusterAudience, "compute.create").DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            TokenCalls.NodeInfoAsync(_fixture.Cluster, _fixture.Pki.Pki, 0, null, "Bearer " + token.AccessToken));

        // Assert: the client cannot start the call. TLS 1.3 ends the client's half of the handshake before the node's
        // certificate_required alert arrives, so the call fails to start (UNAVAILABLE while HTTP/2 starts, INTERNAL
        // when the request was already on its way) with the alert as its cause; the node audits the refusal.
        Assert.True(error.StatusCode is StatusCode.Unavailable or StatusCode.Internal, error.Status.ToString());
        Assert.StartsWith("Error starting gRPC call.", error.Status.Detail, StringComparison.Ordinal);
        var refusal = await HandshakeRefusalAsync().DefaultTimeout();
        Assert.Contains("NoCertificate", refusal.Reason, StringComparison.Ordinal);
        var trail = await TokenCalls.VerifiedTrailAsync(_fixture.Cluster, "node1");
        Assert.DoesNotContain(trail, e => e.Operation == "GetNodeInfo" && e.Subject.StartsWith("oidc:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenOverARaisedMaxTokenLength_PassesKestrelsLimits_AndIsRefusedAsTooLarge()
    {
        // Arrange: MaxTokenLength is 40 000 here, so the node raised Kestrel's 32 KiB header limits to fit it.
        var real = await _fixture.Provider.ClientCredentialsAsync(TokenClusterFixture.ClusterAudience, "compute.create").DefaultTimeout();
        var forged = ForgedTokens.Padded(real, 44_000);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => TokenCalls.NodeInfoAsync(
            _fixture.Cluster, _fixture.Pki.Pki, 0, TokenCalls.UserCredential(_fixture.Pki.Pki, DevUser.Clinician), "Bearer " + forged));

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("(TooLarge)", error.Status.Detail, StringComparison.Ordinal);
        var trail = await TokenCalls.VerifiedTrailAsync(_fixture.Cluster, "node1");
        TokenAssert.Refusal(trail, $"oidc:{_fixture.Provider.IssuerText}#{OidcClients.ServiceId}", null, "TooLarge");
    }

    private async Task<AuditEntry> HandshakeRefusalAsync()
    {
        // The node writes handshake refusals once per interval (1 s here): poll its trail until the record is there.
        while (true)
        {
            var trail = await TokenCalls.VerifiedTrailAsync(_fixture.Cluster, "node1");
            if (trail.LastOrDefault(e => e.Operation == AuditOperations.TlsHandshake) is { } record)
            {
                return record;
            }

            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task CertificateRequired_TokenBesideACertificate_NamesTheCaller()
    {
        var token = await _fixture.Provider.ClientCredentialsAsync(TokenClusterFixture.ClusterAudience, "compute.create").DefaultTimeout();

        var info = await TokenCalls.NodeInfoAsync(
            _fixture.Cluster, _fixture.Pki.Pki, 0, TokenCalls.UserCredential(_fixture.Pki.Pki, DevUser.Clinician), "Bearer " + token.AccessToken);

        Assert.Equal($"oidc:{_fixture.Provider.IssuerText}#{OidcClients.ServiceId}", info.Caller.Subject);
    }

    /// <summary>A provider and a two-node cluster trusting it, with client certificates still required.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public DevPkiFixture Pki { get; } = new();

        public OidcProvider Provider { get; private set; } = null!;

        public TestCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Provider = await OidcProvider.StartAsync(new OidcProviderOptions { DefaultResource = TokenClusterFixture.ClusterAudience }).DefaultTimeout();
            Cluster = await TestCluster.StartAsync(Pki.Pki, nodeCount: 2, threshold: 2, configure: Configure).DefaultTimeout();
        }

        public async Task DisposeAsync()
        {
            await Cluster.DisposeAsync();
            await Provider.DisposeAsync();
            Pki.Dispose();
        }

        private void Configure(KeystoreOptions options)
        {
            options.Audit.HandshakeRefusalIntervalSeconds = 1;
            options.Tokens = new TokenSettings
            {
                Issuers =
            [
                    new TokenIssuerSettings
                    {
                        Issuer = Provider.IssuerText, Audiences = [TokenClusterFixture.ClusterAudience], Vos = ["hospital"], AllowHttpOnLoopback = true,
                        MaxTokenLength = 40_000,
                    },
                ],
            };
        }
    }
}
