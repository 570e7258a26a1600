using Grpc.Core;
using Hydra.Audit;
using Hydra.Hosting;
using Hydra.Keystore.Options;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hydra.Keystore.Tests.Tokens;

/// <summary>
/// Expired, not yet valid, and clock skew beyond the leeway, on a real node whose clock is set off from the provider's:
/// the provider signs fresh tokens, so the node's clock is what makes them early or late. node3 runs with the skewed
/// clock (and collected logs), then restarts with the real one to show its trail.
/// </summary>
public sealed class TokenClockTests : IClassFixture<TokenClockTests.Fixture>
{
    private readonly Fixture _fixture;

    public TokenClockTests(Fixture fixture) => _fixture = fixture;

    public static TheoryData<int, string?> Skews => new()
    {
        { 600, "Expired" },          // 10 minutes late: a 5-minute token ended 5 minutes ago, beyond the 60 s leeway.
        { -600, "NotYetValid" },     // 10 minutes early: issued in the node's future.
        { -90, "NotYetValid" },      // 90 s early: beyond the 60 s leeway.
        { -30, null },               // 30 s early: within the leeway, accepted.
    };

    [Theory]
    [MemberData(nameof(Skews))]
    public async Task NodeClockOffFromTheIssuers_RefusesBeyondTheLeeway_AndAuditsTheReason(int skewSeconds, string? reason)
    {
        // Arrange
        var cluster = _fixture.Cluster;
        var token = await _fixture.Provider.DeviceFlowAsync("alice", TokenClusterFixture.ClusterAudience, "openid").DefaultTimeout();
        var logs = new CollectingLogs();
        await cluster.StopNodeAsync(2);
        var skewed = await KeystoreNode.StartAsync(
            [],
            options => cluster.Configure(2, options),
            CancellationToken.None,
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(new SkewedTime(TimeSpan.FromSeconds(skewSeconds)));
                builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
            }).DefaultTimeout();

        // Act
        Exception? refusal;
        try
        {
            refusal = await Record.ExceptionAsync(() => TokenCalls.NodeInfoAsync(cluster, _fixture.Pki.Pki, 2, null, "Bearer " + token.AccessToken));
        }
        finally
        {
            await skewed.StopAsync(CancellationToken.None).DefaultTimeout();
            await skewed.DisposeAsync();
            await cluster.StartNodeAsync(2).DefaultTimeout();
        }

        // Assert
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(token.AccessToken, StringComparison.Ordinal)
            || (e.Exception?.ToString().Contains(token.AccessToken, StringComparison.Ordinal) ?? false));
        if (reason is null)
        {
            Assert.Null(refusal);
            return;
        }

        var error = Assert.IsType<RpcException>(refusal);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains($"({reason})", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.EventName == "CredentialRefused" && e.Message.Contains(reason, StringComparison.Ordinal));
        var trail = await TokenCalls.VerifiedTrailAsync(cluster, "node3");
        var record = TokenAssert.Refusal(trail, $"oidc:{_fixture.Provider.IssuerText}#alice", token.Jwt.Payload.GetProperty("jti").GetString(), reason);
        Assert.Equal("GetNodeInfo", record.Operation);
        Assert.Equal(AuditEntry.Denied, record.Outcome);
    }

    /// <summary>The system clock moved by a fixed offset.</summary>
    private sealed class SkewedTime(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }

    /// <summary>A provider and a three-node cluster trusting it with the default 60 s leeway, token callers without certificates.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public DevPkiFixture Pki { get; } = new();

        public OidcProvider Provider { get; private set; } = null!;

        public TestCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Provider = await OidcProvider.StartAsync(new OidcProviderOptions { DefaultResource = TokenClusterFixture.ClusterAudience }).DefaultTimeout();
            Cluster = await TestCluster.StartAsync(Pki.Pki, configure: Configure).DefaultTimeout();
        }

        public async Task DisposeAsync()
        {
            await Cluster.DisposeAsync();
            await Provider.DisposeAsync();
            Pki.Dispose();
        }

        private void Configure(KeystoreOptions options) => options.Tokens = new TokenSettings
        {
            AllowWithoutClientCertificate = true,
            Issuers =
            [
                new TokenIssuerSettings
                {
                    Issuer = Provider.IssuerText, Audiences = [TokenClusterFixture.ClusterAudience], Vos = ["hospital"], AllowHttpOnLoopback = true,
                },
            ],
        };
    }
}
