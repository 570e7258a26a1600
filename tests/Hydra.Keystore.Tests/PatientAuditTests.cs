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
/// "Who opened my images": a patient (through the patient delegate) reads the audit records of one key they may read,
/// and nothing else of the trail; auditors keep the whole trail.
/// </summary>
public sealed class PatientAuditTests : IClassFixture<PatientClusterFixture>
{
    private static readonly PatientPseudonym P = new("HYD-PATIENTAUDIT0000000000000");
    private static readonly PatientPseudonym Q = new("HYD-PATIENTAUDITQQQQQQQQQQQQQ");

    private readonly PatientClusterFixture _fixture;

    public PatientAuditTests(PatientClusterFixture fixture) => _fixture = fixture;

    private TestCluster Cluster => _fixture.Cluster;

    private DevPki Pki => _fixture.Pki;

    private KeystoreCluster Portal(PatientPseudonym patient) => Cluster.ConnectAsHost("bridge").OnBehalfOfPatient(patient);

    private async Task<KeyId> RegisterForAsync(PatientPseudonym patient)
    {
        var (id, key) = Keys.NewKey();
        await Cluster.ConnectAsHost("bridge").RegisterKeyAsync(
            id,
            key,
            [AclEntry.For("dn:" + Pki.User(DevUser.Clinician).SubjectDn, KeyPermissions.GetShare), AclEntry.ParseRule($"patient:{patient}=g")],
            CancellationToken.None).DefaultTimeout();
        return id;
    }

    private static async Task<List<AuditEntry>> ReadAsync(KeystoreCluster cluster, string nodeId, AuditQueryOptions query)
    {
        var records = new List<AuditEntry>();
        await foreach (var entry in cluster.QueryAuditAsync(nodeId, query, CancellationToken.None))
        {
            records.Add(entry);
        }

        return records;
    }

    [Fact]
    public async Task Patient_QueryingTheirKey_GetsThatKeysRecords_IncludingAClinicianRead_AndNoOtherKey()
    {
        // Arrange: the clinician opens both of P's keys before P looks.
        var mine = await RegisterForAsync(P);
        var other = await RegisterForAsync(P);
        var clinician = Cluster.ConnectAs(DevUser.Clinician);
        using (await clinician.GetKeyAsync(mine, CancellationToken.None).DefaultTimeout())
        using (await clinician.GetKeyAsync(other, CancellationToken.None).DefaultTimeout())
        {
        }

        // Act
        var records = await ReadAsync(Portal(P), "node2", new AuditQueryOptions { KeyId = mine.Value }).DefaultTimeout();

        // Assert
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(mine.Value, r.KeyId));
        Assert.Contains(records, r => r.Operation == "RegisterShare" && r.Subject == Pki.Host("bridge").SubjectDn);
        Assert.Contains(records, r => r.Operation == "GetShare" && r.Outcome == AuditEntry.Allowed
            && r.Subject == Pki.User(DevUser.Clinician).SubjectDn && r.Delegate.Length == 0);
        var officer = await ReadAsync(Cluster.ConnectAs(DevUser.Officer), "node2", new AuditQueryOptions()).DefaultTimeout();
        Assert.Contains(officer, r => r.KeyId == other.Value && r.Operation == "GetShare");
        Assert.Contains(officer, r => r.Operation == "QueryAudit" && r.KeyId == mine.Value && r.Outcome == AuditEntry.Allowed
            && r.Subject == "patient:" + P && r.Delegate == Pki.Host("bridge").SubjectDn);
    }

    [Fact]
    public async Task Patient_QueryingWithoutAKey_IsRefusedAndAudited()
    {
        var error = await Assert.ThrowsAsync<ClusterException>(() => ReadAsync(Portal(P), "node1", new AuditQueryOptions()).DefaultTimeout());

        Assert.Equal(NodeFailureKind.PermissionDenied, Assert.Single(error.Failures).Kind);
        Assert.Contains("one key at a time", error.Message, StringComparison.Ordinal);
        await AssertRefusalAuditedAsync("node1", string.Empty);
    }

    [Fact]
    public async Task Patient_QueryingAKeyTheyMayNotRead_IsRefusedAndAudited()
    {
        // Arrange: Q's key, which P's ACL entry does not reach.
        var others = await RegisterForAsync(Q);

        // Act
        var error = await Assert.ThrowsAsync<ClusterException>(() =>
            ReadAsync(Portal(P), "node1", new AuditQueryOptions { KeyId = others.Value }).DefaultTimeout());

        // Assert
        Assert.Equal(NodeFailureKind.PermissionDenied, Assert.Single(error.Failures).Kind);
        Assert.Contains("may not read the audit records", error.Message, StringComparison.Ordinal);
        await AssertRefusalAuditedAsync("node1", others.Value);
    }

    [Fact]
    public async Task Patient_QueryingAnUnknownKey_IsRefusedLikeAForbiddenOne()
    {
        var error = await Assert.ThrowsAsync<ClusterException>(() =>
            ReadAsync(Portal(P), "node3", new AuditQueryOptions { KeyId = KeyId.New().Value }).DefaultTimeout());

        Assert.Equal(NodeFailureKind.PermissionDenied, Assert.Single(error.Failures).Kind);
    }

    [Fact]
    public async Task Auditor_StillReadsTheWholeTrail()
    {
        var first = await RegisterForAsync(P);
        var second = await RegisterForAsync(Q);

        var records = await ReadAsync(Cluster.ConnectAs(DevUser.Officer), "node1", new AuditQueryOptions()).DefaultTimeout();

        Assert.Contains(records, r => r.KeyId == first.Value);
        Assert.Contains(records, r => r.KeyId == second.Value);
    }

    private async Task AssertRefusalAuditedAsync(string nodeId, string keyId)
    {
        var trail = await ReadAsync(Cluster.ConnectAs(DevUser.Officer), nodeId, new AuditQueryOptions { Subject = "patient:" + P }).DefaultTimeout();
        Assert.Contains(trail, r => r.Operation == "QueryAudit" && r.KeyId == keyId && r.Outcome == AuditEntry.Denied
            && r.Delegate == Pki.Host("bridge").SubjectDn);
    }
}
