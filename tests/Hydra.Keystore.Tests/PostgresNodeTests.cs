using Hydra.Access;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Tests.Seal;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;
using Hydra.Testing.Postgres;
using Npgsql;

namespace Hydra.Keystore.Tests;

/// <summary>
/// Issue 23: a node on its own PostgreSQL database in a 2-of-3 cluster of LiteDB nodes serves clients end to end,
/// its trail's tampering (edited through SQL) is detected as on LiteDB, and the database's faults are clear errors.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PostgresNodeTests : IClassFixture<DevPkiFixture>, IClassFixture<PostgresFixture>
{
    private const int PostgresNode = 1;
    private readonly DevPkiFixture _pki;
    private readonly PostgresFixture _postgres;

    public PostgresNodeTests(DevPkiFixture pki, PostgresFixture postgres)
    {
        _pki = pki;
        _postgres = postgres;
    }

    private async Task<TestCluster> ClusterAsync()
    {
        var database = await _postgres.CreateDatabaseAsync().DefaultTimeout();
        return await TestCluster.StartAsync(_pki.Pki, databases: i => i == PostgresNode ? database : null).DefaultTimeout();
    }

    private static async Task<List<AuditEntry>> TrailAsync(TestCluster cluster, string nodeId)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in cluster.ConnectAs(DevUser.Officer).QueryAuditAsync(nodeId, new AuditQueryOptions(), CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public async Task NodeOnPostgres_RegistersAndReleasesShares_AndItsTrailVerifiesBesideTheLiteDbNodes()
    {
        // Arrange
        await using var cluster = await ClusterAsync();
        var (id, key) = Keys.NewKey();
        var reader = "dn:" + _pki.Pki.User(DevUser.Reader).SubjectDn;
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(id, key, [AclEntry.For(reader, KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();

        // Act: with node1 stopped the key can only be rebuilt from node2 (PostgreSQL) and node3 (LiteDB).
        await cluster.StopNodeAsync(0);
        using var fetched = await cluster.ConnectAs(DevUser.Reader).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();
        await cluster.StartNodeAsync(0);
        var trails = new Dictionary<string, List<AuditEntry>>();
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            trails[node] = await TrailAsync(cluster, node);
        }

        // Assert
        Assert.Equal(key, fetched.Key.ToArray());
        Assert.All(trails, t => Assert.True(AuditChainVerifier.Verify(t.Key, t.Value).IsIntact, t.Key));
        Assert.Contains(trails["node2"], e => e.Operation == "RegisterShare" && e.KeyId == id.Value && e.Outcome == AuditEntry.Allowed);
        Assert.Contains(trails["node2"], e => e.Operation == "GetShare" && e.KeyId == id.Value && e.Outcome == AuditEntry.Allowed
            && e.Subject == _pki.Pki.User(DevUser.Reader).SubjectDn);
        Assert.Equal(1L, await PostgresSql.ScalarAsync<long>(cluster.Database(PostgresNode)!, $"SELECT count(*) FROM keys WHERE key_id = '{id.Value}'"));
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("delete")]
    [InlineData("reorder")]
    [InlineData("truncate")]
    public async Task TrailTamperedThroughSql_IsDetectedAtTheRightRecord(string tampering)
    {
        // Arrange: the same history and the same edits as AuditTrailTests make in a LiteDB file.
        await using var cluster = await ClusterAsync();
        var (id, key) = Keys.NewKey();
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(
            id, key, [AclEntry.For("dn:" + _pki.Pki.User(DevUser.Reader).SubjectDn, KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        using (await cluster.ConnectAs(DevUser.Reader).GetKeyAsync(id, CancellationToken.None).DefaultTimeout())
        {
        }

        await Assert.ThrowsAsync<ClusterException>(() => cluster.ConnectAs(DevUser.Researcher).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());
        var before = await TrailAsync(cluster, "node2");
        var head = (before[^1].Sequence, before[^1].Hash);
        await cluster.StopNodeAsync(PostgresNode);

        // Act
        await PostgresSql.ExecuteAsync(cluster.Database(PostgresNode)!, tampering switch
        {
            "edit" => "UPDATE audit SET outcome = 'allowed', reason = '' WHERE sequence = 3",
            "delete" => "DELETE FROM audit WHERE sequence = 3",
            "reorder" => "UPDATE audit SET sequence = -3 WHERE sequence = 3; UPDATE audit SET sequence = 3 WHERE sequence = 4; UPDATE audit SET sequence = 4 WHERE sequence = -3",
            _ => $"DELETE FROM audit WHERE sequence >= {head.Item1 - 2}",
        });
        await cluster.StartNodeAsync(PostgresNode);
        var after = (await TrailAsync(cluster, "node2")).Where(e => e.Sequence <= head.Item1).ToList();
        var verification = AuditChainVerifier.Verify("node2", after, expectedHead: head);

        // Assert
        Assert.False(verification.IsIntact);
        var expected = tampering switch
        {
            "edit" => (3L, AuditProblemKind.Edited),
            "delete" => (3L, AuditProblemKind.Gap),
            "reorder" => (3L, AuditProblemKind.Edited),
            _ => (head.Item1 - 1, AuditProblemKind.Truncated),
        };
        Assert.Contains(verification.Problems, p => p.Sequence == expected.Item1 && p.Kind == expected.Item2);
    }

    [Fact]
    public async Task DatabaseUnreachableAtStart_NodeRefusesToStart_NamingHostAndPort()
    {
        // Arrange: nothing listens on this port.
        var port = FreePort.Next();
        var connectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Database = "absent", Username = "postgres" }.ConnectionString;

        // Act
        var error = await Assert.ThrowsAsync<KeystoreDatabaseException>(
            () => TestCluster.StartAsync(_pki.Pki, nodeCount: 1, threshold: 1, databases: _ => connectionString)).DefaultTimeout();

        // Assert
        Assert.True(error.Unreachable);
        Assert.Contains($"'absent' at 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("is unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseOfAnotherNode_IsRefusedAtStart()
    {
        // Arrange: node2's database, then given to a one-node cluster whose node is node1.
        await using (var cluster = await ClusterAsync())
        {
            var database = cluster.Database(PostgresNode)!;

            // Act
            var error = await Assert.ThrowsAsync<KeystoreDatabaseException>(
                () => TestCluster.StartAsync(_pki.Pki, nodeCount: 1, threshold: 1, databases: _ => database)).DefaultTimeout();

            // Assert
            Assert.Contains("belongs to node 'node2', not 'node1'", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostgresRestarted_CallsFailUnavailableWhileDown_ThenServeAgainWithNothingAcknowledgedLost()
    {
        // Arrange
        await using var cluster = await ClusterAsync();
        var client = cluster.ConnectAs(DevUser.Clinician);
        var acknowledged = new List<Hydra.Keystore.Contract.KeyId>();
        for (var i = 0; i < 5; i++)
        {
            var (id, key) = Keys.NewKey();
            await client.RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
            acknowledged.Add(id);
        }

        // Act: PostgreSQL stops; a call to the node fails; PostgreSQL starts again on the same data.
        await _postgres.Server.StopAsync().DefaultTimeout();
        var whileDown = await Assert.ThrowsAsync<KeystoreException>(() => SealProbe.ShareAsync(cluster.Node(PostgresNode), acknowledged[0])).DefaultTimeout();
        await _postgres.Server.StartAgainAsync().DefaultTimeout();
        PostgresServer.ForgetTestConnections();
        var (later, laterKey) = Keys.NewKey();
        await client.RegisterKeyAsync(later, laterKey, [], CancellationToken.None).DefaultTimeout();
        var shares = new List<byte[]>();
        foreach (var id in acknowledged.Append(later))
        {
            shares.Add(await SealProbe.ShareAsync(cluster.Node(PostgresNode), id));
        }

        var trail = await TrailAsync(cluster, "node2");

        // Assert
        Assert.Equal(Hydra.Keystore.Contract.KeystoreError.Unavailable, whileDown.Error);
        Assert.Contains("is out of reach", whileDown.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{_postgres.Server.Port}", whileDown.Message, StringComparison.Ordinal);
        Assert.Equal(6, shares.Count);
        Assert.True(AuditChainVerifier.Verify("node2", trail).IsIntact);
        Assert.All(acknowledged.Append(later), id => Assert.Contains(trail, e => e.Operation == "RegisterShare" && e.KeyId == id.Value && e.Outcome == AuditEntry.Allowed));
    }
}
