using Grpc.Core;
using Hydra.Access;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Tests.Support;
using GetShareRequest = Hydra.Keystore.V1.GetShareRequest;
using Hydra.Testing;
using Hydra.Testing.Cluster;

namespace Hydra.Keystore.Tests;

/// <summary>
/// The bridge's patient portal fetching a patient's keys, and reading who opened them, through real nodes: nodes
/// accept the patient header only from a patient delegate, decide by <c>patient:</c> entries alone, and audit the
/// patient with the bridge as delegate.
/// </summary>
public sealed class PatientDelegationTests : IClassFixture<PatientClusterFixture>
{
    private static readonly PatientPseudonym P = new("HYD-0123456789ABCDEFGHJKMNPQRS");
    private static readonly PatientPseudonym Q = new("HYD-ZZZZZZZZZZZZZZZZZZZZZZZZZZ");

    private readonly PatientClusterFixture _fixture;

    public PatientDelegationTests(PatientClusterFixture fixture) => _fixture = fixture;

    private TestCluster Cluster => _fixture.Cluster;

    private DevPki Pki => _fixture.Pki;

    private string BridgeDn => Pki.Host("bridge").SubjectDn;

    private KeystoreCluster Portal(PatientPseudonym patient) => Cluster.ConnectAsHost("bridge").OnBehalfOfPatient(patient);

    /// <summary>A key the bridge registers as it does at ingest: readable by the clinician and, by pseudonym, by P.</summary>
    private async Task<(KeyId Id, byte[] Key)> RegisterForAsync(PatientPseudonym patient, params string[] moreRules)
    {
        var (id, key) = Keys.NewKey();
        List<AclEntry> acl = [
            AclEntry.For("dn:" + Pki.User(DevUser.Clinician).SubjectDn, KeyPermissions.GetShare),
            AclEntry.ParseRule($"patient:{patient}=g"),
            .. moreRules.Select(AclEntry.ParseRule),
        ];
        await Cluster.ConnectAsHost("bridge").RegisterKeyAsync(id, key, acl, CancellationToken.None).DefaultTimeout();
        return (id, key);
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

    private async Task<List<AuditEntry>> OfficerTrailAsync(string nodeId)
    {
        var trail = await ReadAsync(Cluster.ConnectAs(DevUser.Officer), nodeId, new AuditQueryOptions()).DefaultTimeout();
        var verification = AuditChainVerifier.Verify(nodeId, trail);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        return trail;
    }

    [Fact]
    public async Task PatientDelegate_ForTheGrantedPatient_GetsTheKey_AuditedOnEveryNodeAsThePatient()
    {
        // Arrange
        var (id, key) = await RegisterForAsync(P);

        // Act
        var result = Assert.Single(await Portal(P).GetKeysAsync([id], CancellationToken.None).DefaultTimeout());

        // Assert
        Assert.Null(result.Error);
        using var fetched = result.Key!;
        Assert.Equal(key, fetched.Key.ToArray());
        for (var i = 0; i < Cluster.NodeCount; i++)
        {
            var trail = await OfficerTrailAsync(TestCluster.NodeId(i));
            var release = Assert.Single(trail, e => e.KeyId == id.Value && e.Operation == "GetShare");
            Assert.Equal(AuditEntry.Allowed, release.Outcome);
            Assert.Equal("patient:" + P, release.Subject);
            Assert.Equal(BridgeDn, release.Delegate);
            Assert.Equal(string.Empty, release.Issuer);
            Assert.Empty(release.Fqans);
        }
    }

    [Fact]
    public async Task PatientDelegate_ForAnotherPatient_IsRefused()
    {
        var (id, _) = await RegisterForAsync(P);

        var result = Assert.Single(await Portal(Q).GetKeysAsync([id], CancellationToken.None).DefaultTimeout());

        Assert.Null(result.Key);
        Rpc.AllNodes(result.Error!, NodeFailureKind.PermissionDenied);
        Assert.Contains("patient:" + Q, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyOpenToAny_IsNotReleasedToAPatient()
    {
        var (id, _) = Keys.NewKey();
        await Cluster.ConnectAsHost("bridge").RegisterKeyAsync(
            id, new byte[32], [AclEntry.ParseRule("any=g")], CancellationToken.None).DefaultTimeout();

        var result = Assert.Single(await Portal(P).GetKeysAsync([id], CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(result.Error!, NodeFailureKind.PermissionDenied);
    }

    [Fact]
    public async Task ReaderDelegateOnly_NamingAPatient_IsRefused()
    {
        var (id, _) = await RegisterForAsync(P);

        var result = Assert.Single(await Cluster.ConnectAsHost(PatientClusterFixture.ReaderDelegate).OnBehalfOfPatient(P)
            .GetKeysAsync([id], CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(result.Error!, NodeFailureKind.PermissionDenied);
        Assert.Contains("does not hold the patient-delegate role", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainUser_SendingThePatientHeader_IsRefused()
    {
        var (id, _) = await RegisterForAsync(P);

        var result = Assert.Single(await Cluster.ConnectAs(DevUser.Clinician).OnBehalfOfPatient(P)
            .GetKeysAsync([id], CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(result.Error!, NodeFailureKind.PermissionDenied);
        Assert.Contains("does not hold the patient-delegate role", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientHeaderWithAForwardedChain_IsRefusedAsAmbiguous()
    {
        var (id, _) = await RegisterForAsync(P);
        var reader = Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, Lifetime = TimeSpan.FromHours(1) });
        var headers = Delegation.ForPatient(P);
        headers.Add(Delegation.ToMetadata(reader.Chain)[0]);

        var error = await Assert.ThrowsAsync<RpcException>(() => Cluster.RawClientAsHost("bridge")
            .GetShareAsync(new GetShareRequest { KeyId = id.Value }, headers, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync.DefaultTimeout());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("not both", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedPseudonym_IsRefusedWithTheReason()
    {
        var (id, _) = await RegisterForAsync(P);
        var headers = new Metadata { { Delegation.PatientHeader, "Dupont^Jean" } };

        var error = await Assert.ThrowsAsync<RpcException>(() => Cluster.RawClientAsHost("bridge")
            .GetShareAsync(new GetShareRequest { KeyId = id.Value }, headers, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync.DefaultTimeout());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("pseudonym holds a character other than a letter", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResearchDenyAddedLater_DoesNotAffectThePatient()
    {
        // Arrange: the patient withdraws research access, as the bridge does it (owner's SetAcl on every node).
        var (id, key) = await RegisterForAsync(P);
        var owner = Cluster.ConnectAsHost("bridge");
        var acl = await owner.GetAclAsync(id, CancellationToken.None).DefaultTimeout();
        await owner.SetAclAsync(id, [.. acl.Acl!.Entries, AclEntry.ParseRule("!fqan:/research=g")], CancellationToken.None).DefaultTimeout();

        // Act
        var result = Assert.Single(await Portal(P).GetKeysAsync([id], CancellationToken.None).DefaultTimeout());

        // Assert
        using var fetched = result.Key!;
        Assert.Equal(key, fetched.Key.ToArray());
    }

    [Fact]
    public async Task Patient_CannotChangeTheAclOrDeleteTheKey()
    {
        var (id, _) = await RegisterForAsync(P);
        var portal = Portal(P);

        var setAcl = await Rpc.ThrowsClusterAsync(() =>
            portal.SetAclAsync(id, [AclEntry.ParseRule("any=g")], CancellationToken.None).DefaultTimeout());
        var delete = await Rpc.ThrowsClusterAsync(() => portal.DeleteKeyAsync(id, CancellationToken.None).DefaultTimeout());

        Rpc.AllNodes(setAcl, NodeFailureKind.PermissionDenied);
        Rpc.AllNodes(delete, NodeFailureKind.PermissionDenied);
        Assert.Contains("cannot be done on behalf of a patient", delete.Message, StringComparison.Ordinal);
        using var stillThere = await Cluster.ConnectAs(DevUser.Clinician).GetKeyAsync(id, CancellationToken.None).DefaultTimeout();
    }
}
