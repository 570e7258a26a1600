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
/// A patient withdrawing research access through real nodes: through a patient delegate, on a key whose ACL lets the
/// patient get the share, a change that only adds get-share denies is made and audited as the patient (the bridge as
/// delegate, what changed in the reason); any other change, a key that is not theirs, or a caller without the role is
/// refused, audited, and leaves the ACL as it was.
/// </summary>
public sealed class PatientWithdrawalTests : IClassFixture<PatientClusterFixture>
{
    private static readonly PatientPseudonym P = new("HYD-WITHDRAWPPPPPPPPPPPPPPPPP");
    private static readonly PatientPseudonym Q = new("HYD-WITHDRAWQQQQQQQQQQQQQQQQQ");

    private readonly PatientClusterFixture _fixture;

    public PatientWithdrawalTests(PatientClusterFixture fixture) => _fixture = fixture;

    private TestCluster Cluster => _fixture.Cluster;

    private string BridgeDn => _fixture.Pki.Host("bridge").SubjectDn;

    private string Researcher => "dn:" + _fixture.Pki.User(DevUser.Researcher).SubjectDn;

    private string Clinician => "dn:" + _fixture.Pki.User(DevUser.Clinician).SubjectDn;

    private KeystoreCluster Owner => Cluster.ConnectAsHost("bridge");

    private KeystoreCluster Portal(PatientPseudonym patient) => Owner.OnBehalfOfPatient(patient);

    /// <summary>A key as the bridge registers it: the clinician, the researcher and, by pseudonym, P may get it.</summary>
    private async Task<(KeyId Id, List<AclEntry> Acl)> RegisterAsync(params string[] moreRules)
    {
        var (id, key) = Keys.NewKey();
        List<AclEntry> acl = [
            AclEntry.ParseRule(Clinician + "=g"),
            AclEntry.ParseRule(Researcher + "=g"),
            AclEntry.ParseRule($"patient:{P}=g"),
            .. moreRules.Select(AclEntry.ParseRule),
        ];
        await Owner.RegisterKeyAsync(id, key, acl, CancellationToken.None).DefaultTimeout();
        return (id, acl);
    }

    private async Task<List<AuditEntry>> SetAclRecordsAsync(KeyId id)
    {
        var officer = Cluster.ConnectAs(DevUser.Officer);
        var records = new List<AuditEntry>();
        for (var i = 0; i < Cluster.NodeCount; i++)
        {
            var trail = new List<AuditEntry>();
            await foreach (var entry in officer.QueryAuditAsync(TestCluster.NodeId(i), new AuditQueryOptions(), CancellationToken.None))
            {
                trail.Add(entry);
            }

            var verification = AuditChainVerifier.Verify(TestCluster.NodeId(i), trail);
            Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
            records.AddRange(trail.Where(e => e.KeyId == id.Value && e.Operation == AuditOperations.SetAcl));
        }

        return records;
    }

    private async Task AssertUnchangedAsync(KeyId id, List<AclEntry> registered)
    {
        var acl = await Owner.GetAclAsync(id, CancellationToken.None).DefaultTimeout();
        Assert.Equal(Cluster.NodeCount, acl.PerNode.Count);
        Assert.All(acl.PerNode.Values, node =>
        {
            Assert.Equal(1L, node.Version);
            Assert.Equal(registered, node.Entries);
        });
    }

    [Fact]
    public async Task Patient_AddingAResearchDeny_IsAllowedOnEveryNode_AuditedAsThePatientWithWhatChanged()
    {
        // Arrange: the researcher may read the key before.
        var (id, registered) = await RegisterAsync();
        var researcher = Cluster.ConnectAs(DevUser.Researcher);
        using (await researcher.GetKeyAsync(id, CancellationToken.None).DefaultTimeout())
        {
        }

        var deny = AclEntry.ParseRule("!" + Researcher + "=g");

        // Act: as the bridge does it, read and write as the patient.
        var read = await Portal(P).GetAclAsync(id, CancellationToken.None).DefaultTimeout();
        var report = await Portal(P).SetAclAsync(id, [.. read.Acl!.Entries, deny], CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(registered, read.Acl.Entries);
        Assert.True(report.Consistent);
        Assert.Equal([.. registered, deny], report.Acl!.Entries);
        var refused = await Rpc.ThrowsClusterAsync(() => researcher.GetKeyAsync(id, CancellationToken.None).DefaultTimeout());
        Assert.True(refused.IsAccessDenied, refused.Message);
        using (await Portal(P).GetKeyAsync(id, CancellationToken.None).DefaultTimeout())
        {
        }

        var records = await SetAclRecordsAsync(id);
        Assert.Equal(Cluster.NodeCount, records.Count);
        Assert.All(records, r => Assert.Equal(
            (AuditEntry.Allowed, "patient:" + P, BridgeDn, "+" + deny.ToRule()),
            (r.Outcome, r.Subject, r.Delegate, r.Reason)));
        Assert.Equal(Enumerable.Range(1, Cluster.NodeCount).Select(i => "node" + i), records.Select(r => r.NodeId).Order());
    }

    public static TheoryData<string, string[], string[], bool> Changes => new()
    {
        // what the change does; rules registered beyond the base three; rules the patient adds; whether it drops the clinician
        { "adds an allow", [], ["dn:/DC=org/DC=hydra-dev/O=Elsewhere/CN=Someone=g"], false },
        { "adds a deny of another permission", [], ["!fqan:/biomed/imaging=d"], false },
        { "removes a deny", ["!fqan:/other=g"], [], false },
        { "adds a research deny but drops the clinician's allow", [], ["!fqan:/biomed/imaging=g"], true },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Patient_ChangingMoreThanAddingGetShareDenies_IsDeniedAuditedAndChangesNothing(
        string change, string[] registeredExtra, string[] added, bool dropsClinician)
    {
        // Arrange: the base three entries (so a registered extra is removed), with the patient's additions.
        var (id, registered) = await RegisterAsync(registeredExtra);
        List<AclEntry> sent = [.. registered.Take(3).Skip(dropsClinician ? 1 : 0), .. added.Select(AclEntry.ParseRule)];

        // Act
        var error = await Rpc.ThrowsClusterAsync(() => Portal(P).SetAclAsync(id, sent, CancellationToken.None).DefaultTimeout());

        // Assert
        Rpc.AllNodes(error, NodeFailureKind.PermissionDenied);
        Assert.True(error.Message.Contains("may only add get-share denies", StringComparison.Ordinal), $"{change}: {error.Message}");
        await AssertUnchangedAsync(id, registered);
        var records = await SetAclRecordsAsync(id);
        Assert.Equal(Cluster.NodeCount, records.Count);
        Assert.All(records, r => Assert.Equal((AuditEntry.Denied, "patient:" + P, BridgeDn), (r.Outcome, r.Subject, r.Delegate)));
        Assert.All(records, r => Assert.Contains("may only add get-share denies", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Patient_OnAKeyNotTheirs_OrAnUnknownKey_IsDeniedAlikeAndAudited()
    {
        // Arrange: the key is P's; Q asks.
        var (id, registered) = await RegisterAsync();
        var deny = AclEntry.ParseRule("!" + Researcher + "=g");
        var unknown = Keys.NewKey().Id;

        // Act
        var notTheirs = await Rpc.ThrowsClusterAsync(() =>
            Portal(Q).SetAclAsync(id, [.. registered, deny], CancellationToken.None).DefaultTimeout());
        var missing = await Rpc.ThrowsClusterAsync(() =>
            Portal(Q).SetAclAsync(unknown, [deny], CancellationToken.None).DefaultTimeout());
        var readOthers = await Rpc.ThrowsClusterAsync(() => Portal(Q).GetAclAsync(id, CancellationToken.None).DefaultTimeout());

        // Assert: an unknown key answers like a forbidden one, so Q learns nothing about keys that are not theirs.
        Rpc.AllNodes(notTheirs, NodeFailureKind.PermissionDenied);
        Rpc.AllNodes(missing, NodeFailureKind.PermissionDenied);
        Rpc.AllNodes(readOthers, NodeFailureKind.PermissionDenied);
        Assert.Contains("does not let them get its share", notTheirs.Message, StringComparison.Ordinal);
        Assert.Contains("does not let them get its share", missing.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(id, registered);
        var records = await SetAclRecordsAsync(id);
        Assert.Equal(Cluster.NodeCount, records.Count);
        Assert.All(records, r => Assert.Equal((AuditEntry.Denied, "patient:" + Q, BridgeDn), (r.Outcome, r.Subject, r.Delegate)));
    }

    [Fact]
    public async Task PatientHeader_FromCallersWithoutThePatientDelegateRole_IsRefusedAndChangesNothing()
    {
        // Arrange: a host holding only the reader-delegate role, and a plain user.
        var (id, registered) = await RegisterAsync();
        List<AclEntry> withdrawn = [.. registered, AclEntry.ParseRule("!" + Researcher + "=g")];

        // Act
        var readerDelegate = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAsHost(PatientClusterFixture.ReaderDelegate)
            .OnBehalfOfPatient(P).SetAclAsync(id, withdrawn, CancellationToken.None).DefaultTimeout());
        var user = await Rpc.ThrowsClusterAsync(() => Cluster.ConnectAs(DevUser.Clinician)
            .OnBehalfOfPatient(P).SetAclAsync(id, withdrawn, CancellationToken.None).DefaultTimeout());

        // Assert
        Rpc.AllNodes(readerDelegate, NodeFailureKind.PermissionDenied);
        Rpc.AllNodes(user, NodeFailureKind.PermissionDenied);
        Assert.Contains("does not hold the patient-delegate role", readerDelegate.Message, StringComparison.Ordinal);
        Assert.Contains("does not hold the patient-delegate role", user.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(id, registered);
        var records = await SetAclRecordsAsync(id);
        Assert.Equal(2 * Cluster.NodeCount, records.Count);
        Assert.All(records, r => Assert.Equal((AuditEntry.Denied, string.Empty), (r.Outcome, r.Delegate)));
    }

    [Fact]
    public async Task OwnerChange_RecordsWhatWasAddedAndRemoved_AndARewriteAsUnchanged()
    {
        // Arrange
        var (id, registered) = await RegisterAsync();
        var added = AclEntry.ParseRule("fqan:/hospital/radiology=gr");

        // Act: the researcher's allow swapped for radiology's, then the same entries sent again in another order.
        await Owner.SetAclAsync(id, [registered[0], registered[2], added], CancellationToken.None).DefaultTimeout();
        await Owner.SetAclAsync(id, [added, registered[2], registered[0]], CancellationToken.None).DefaultTimeout();

        // Assert
        var records = await SetAclRecordsAsync(id);
        Assert.Equal(2 * Cluster.NodeCount, records.Count);
        Assert.All(records, r => Assert.Equal((AuditEntry.Allowed, BridgeDn, string.Empty), (r.Outcome, r.Subject, r.Delegate)));
        var reasons = records.OrderBy(r => r.Sequence).GroupBy(r => r.NodeId).Select(g => g.Select(r => r.Reason).ToList()).ToList();
        Assert.All(reasons, node => Assert.Equal(["+fqan:/hospital/radiology=gr; -" + Researcher + "=g", "unchanged"], node));
    }
}
