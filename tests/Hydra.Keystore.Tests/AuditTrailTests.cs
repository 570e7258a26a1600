using Grpc.Core;
using Hydra.Access;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;
using LiteDB;

namespace Hydra.Keystore.Tests;

/// <summary>Every access, allowed or refused, is in a hash-chained trail that reveals deletion, edits and truncation.</summary>
public sealed class AuditTrailTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public AuditTrailTests(DevPkiFixture pki) => _pki = pki;

    private static async Task<List<AuditEntry>> ReadTrailAsync(KeystoreCluster officer, string nodeId)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in officer.QueryAuditAsync(nodeId, new AuditQueryOptions(), CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private async Task<(TestCluster Cluster, KeyId KeyId)> ClusterWithHistoryAsync()
    {
        var cluster = await TestCluster.StartAsync(_pki.Pki);
        var (id, key) = Keys.NewKey();
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(
            id, key, [AclEntry.For("dn:" + _pki.Pki.User(DevUser.Reader).SubjectDn, KeyPermissions.GetShare)], CancellationToken.None).DefaultTimeout();
        using (await cluster.ConnectAs(DevUser.Reader).GetKeyAsync(id, CancellationToken.None).DefaultTimeout())
        {
        }

        await Assert.ThrowsAsync<ClusterException>(() => cluster.ConnectAs(DevUser.Researcher).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());
        await Assert.ThrowsAsync<ClusterException>(() => cluster.ConnectAs(DevUser.Revoked).GetKeyAsync(id, CancellationToken.None).DefaultTimeout());
        return (cluster, id);
    }

    [Fact]
    public async Task Trail_RecordsAllowedAndRefusedAccess_AndVerifies()
    {
        var (cluster, id) = await ClusterWithHistoryAsync();
        await using var _ = cluster;
        var officer = cluster.ConnectAs(DevUser.Officer);

        var trail = await ReadTrailAsync(officer, "node1");
        var verification = AuditChainVerifier.Verify("node1", trail);

        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        var reader = _pki.Pki.User(DevUser.Reader).SubjectDn;
        Assert.Contains(trail, e => e.Operation == "RegisterShare" && e.KeyId == id.Value && e.Outcome == AuditEntry.Allowed
            && e.Subject == _pki.Pki.User(DevUser.Clinician).SubjectDn);
        // The client rebuilds from the first two shares and cancels the third call, so at least two nodes released one.
        var releases = 0;
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            var nodeTrail = await ReadTrailAsync(officer, node);
            Assert.True(AuditChainVerifier.Verify(node, nodeTrail).IsIntact);
            releases += nodeTrail.Count(e => e.Operation == "GetShare" && e.KeyId == id.Value && e.Outcome == AuditEntry.Allowed
                && e.Subject == reader && e.Peer.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        }

        Assert.InRange(releases, 2, 3);
        Assert.Contains(trail, e => e.Operation == "GetShare" && e.Outcome == AuditEntry.Denied
            && e.Subject == _pki.Pki.User(DevUser.Researcher).SubjectDn && e.Reason.Contains("may not get the share", StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Operation == "GetShare" && e.Outcome == AuditEntry.Denied
            && e.Subject == _pki.Pki.User(DevUser.Revoked).SubjectDn && e.Reason.Contains("revoked", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(trail.Select(e => e.Sequence), Enumerable.Range(1, trail.Count).Select(i => (long)i));
    }

    [Fact]
    public async Task QueryAudit_NonAuditor_IsDenied_AndTheAttemptIsAudited()
    {
        var (cluster, _) = await ClusterWithHistoryAsync();
        await using var _ = cluster;

        var error = await Assert.ThrowsAsync<ClusterException>(() => ReadTrailAsync(cluster.ConnectAs(DevUser.Clinician), "node1"));
        var trail = await ReadTrailAsync(cluster.ConnectAs(DevUser.Officer), "node1");

        var failure = Assert.Single(error.Failures);
        Assert.Equal(("node1", NodeFailureKind.PermissionDenied), (failure.NodeId, failure.Kind));
        Assert.Contains(trail, e => e.Operation == "QueryAudit" && e.Outcome == AuditEntry.Denied
            && e.Subject == _pki.Pki.User(DevUser.Clinician).SubjectDn);
        Assert.Contains(trail, e => e.Operation == "QueryAudit" && e.Outcome == AuditEntry.Allowed
            && e.Subject == _pki.Pki.User(DevUser.Officer).SubjectDn);
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("delete")]
    [InlineData("reorder")]
    [InlineData("truncate")]
    public async Task TamperedTrail_IsDetectedAtTheRightRecord(string tampering)
    {
        var (cluster, _) = await ClusterWithHistoryAsync();
        await using var _ = cluster;
        var officer = cluster.ConnectAs(DevUser.Officer);
        var before = await ReadTrailAsync(officer, "node2");
        var head = (before[^1].Sequence, before[^1].Hash);
        await cluster.StopNodeAsync(1);

        NodeFiles.EditAudit(cluster.DataFile(1), audit =>
        {
            switch (tampering)
            {
                case "edit":
                    var record = audit.FindById(3);
                    record["out"] = AuditEntry.Allowed;
                    record["why"] = string.Empty;
                    audit.Update(record);
                    break;
                case "delete":
                    audit.Delete(3);
                    break;
                case "reorder":
                    var third = audit.FindById(3);
                    var fourth = audit.FindById(4);
                    third["_id"] = 4L;
                    fourth["_id"] = 3L;
                    audit.Update(third);
                    audit.Update(fourth);
                    break;
                case "truncate":
                    audit.DeleteMany(Query.GTE("_id", (long)(head.Item1 - 2)));
                    break;
            }
        });
        await cluster.StartNodeAsync(1);

        var after = (await ReadTrailAsync(officer, "node2")).Where(e => e.Sequence <= head.Item1).ToList();
        var verification = AuditChainVerifier.Verify("node2", after, expectedHead: head);

        Assert.False(verification.IsIntact);
        var expected = tampering switch
        {
            "edit" => (3L, AuditProblemKind.Edited),
            "delete" => (3L, AuditProblemKind.Gap),
            "reorder" => (3L, AuditProblemKind.Edited),
            // Records from head-2 on are gone; the officer's own query then wrote record head-2 anew.
            _ => (head.Item1 - 1, AuditProblemKind.Truncated),
        };
        Assert.Contains(verification.Problems, p => p.Sequence == expected.Item1 && p.Kind == expected.Item2);
    }
}
