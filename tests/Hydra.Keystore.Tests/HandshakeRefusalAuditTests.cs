using System.Net;
using System.Net.Sockets;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests;

/// <summary>
/// Connections a node refuses in or right after the TLS handshake reach its audit trail, aggregated per peer address
/// and reason, so an officer sees probing and a flood of them cannot flood the trail.
/// </summary>
public sealed class HandshakeRefusalAuditTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public HandshakeRefusalAuditTests(DevPkiFixture pki) => _pki = pki;

    [Fact]
    public async Task OpenSslWithoutAndWithUntrustedCertificate_OfficerReadsAggregatedRefusals()
    {
        // Arrange: two nodes (the least a cluster client takes), refusals written every 0.2 s; node1 is probed.
        await using var cluster = await TestCluster.StartAsync(
            _pki.Pki, nodeCount: 2, threshold: 2, configure: o => o.Audit.HandshakeRefusalIntervalSeconds = 0.2);
        using var folder = new TempDirectory("hydra-probe");

        // Act: two probes without a certificate, one with a certificate from a CA the node does not trust.
        await OpenSslProbe.WithoutCertificateAsync(cluster.Port(0));
        await OpenSslProbe.WithoutCertificateAsync(cluster.Port(0));
        await OpenSslProbe.WithUntrustedCertificateAsync(cluster.Port(0), _pki.Pki.RogueCa, folder);
        var officer = cluster.ConnectAs(DevUser.Officer);
        var refusals = await WaitForRefusalsAsync(officer, r => r.Sum(Count) >= 3);

        // Assert: the peer address, the reason and the count, in an intact trail.
        var reasons = string.Join("; ", refusals.Select(r => r.Reason));
        Assert.All(refusals, r => Assert.Equal(("127.0.0.1", AuditEntry.Denied, string.Empty), (r.Peer, r.Outcome, r.Subject)));
        Assert.True(2 == refusals.Where(r => r.Reason.StartsWith("NoCertificate: ", StringComparison.Ordinal)).Sum(Count), reasons);
        Assert.True(1 == refusals.Where(r => r.Reason.StartsWith("UntrustedChain: ", StringComparison.Ordinal)).Sum(Count), reasons);
        var trail = await ReadTrailAsync(officer);
        Assert.True(AuditChainVerifier.Verify("node1", trail).IsIntact);
    }

    [Fact]
    public async Task FloodOf200NonTlsConnections_OneRecordCountingAll()
    {
        // Arrange: the default interval (60 s) is longer than the test, so the records are those the node writes as it stops.
        await using var cluster = await TestCluster.StartAsync(_pki.Pki, nodeCount: 2, threshold: 2);
        var port = cluster.Port(0);

        // Act: 200 connections that are not TLS, then a restart (which writes what was tallied).
        for (var i = 0; i < 200; i++)
        {
            await SendGarbageAsync(port);
        }

        await cluster.StopNodeAsync(0);
        await cluster.StartNodeAsync(0);
        var refusals = await WaitForRefusalsAsync(cluster.ConnectAs(DevUser.Officer), r => r.Count > 0);

        // Assert
        var record = Assert.Single(refusals);
        Assert.Equal("127.0.0.1", record.Peer);
        Assert.StartsWith("ProtocolError: count=200 ", record.Reason, StringComparison.Ordinal);
    }

    private static long Count(AuditEntry refusal) =>
        long.Parse(refusal.Reason.Split("count=")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sends a plain HTTP request and waits for the node to hang up (it refuses the handshake at once).</summary>
    private static async Task SendGarbageAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port).DefaultTimeout();
        await socket.SendAsync("GET / HTTP/1.1\r\nHost: node1\r\n\r\n"u8.ToArray()).DefaultTimeout();
        var buffer = new byte[256];
        try
        {
            while (await socket.ReceiveAsync(buffer).DefaultTimeout() > 0)
            {
            }
        }
        catch (SocketException)
        {
            // Reset by the node: it hung up all the same.
        }
    }

    private static async Task<List<AuditEntry>> ReadTrailAsync(KeystoreCluster officer)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in officer.QueryAuditAsync("node1", new AuditQueryOptions(), CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>The node writes refusals on its own schedule: read the trail (bounded) until <paramref name="done"/>.</summary>
    private static async Task<List<AuditEntry>> WaitForRefusalsAsync(KeystoreCluster officer, Func<List<AuditEntry>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeoutSpan);
        while (true)
        {
            var refusals = (await ReadTrailAsync(officer).DefaultTimeout()).Where(e => e.Operation == AuditOperations.TlsHandshake).ToList();
            if (done(refusals))
            {
                return refusals;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
