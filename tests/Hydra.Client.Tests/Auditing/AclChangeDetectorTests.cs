using Hydra.Audit;
using Hydra.Client.Auditing;

namespace Hydra.Client.Tests.Auditing;

/// <summary>ACL changes in the officer's flags: who changed which study's keys, through whom, and in which direction.</summary>
public sealed class AclChangeDetectorTests
{
    private const string Patient = "patient:HYD-0123456789ABCDEFGHJKMNPQRS";
    private const string Bridge = "/DC=org/DC=hydra-dev/O=Hydra/CN=bridge";
    private const string Curator = "/DC=org/DC=hydra-dev/O=Hospital/CN=Carla Curator";
    private const string Withdrawal = "+!fqan:/biomed/imaging=g";

    private readonly SyntheticTrail[] _nodes = [new("node1"), new("node2"), new("node3")];

    private List<AuditFlag> Analyze() => AuditAnalyzer.Analyze([.. _nodes.SelectMany(n => n.Entries)], 2, new AuditAnalysisOptions());

    private void SetAcl(double minute, string subject, string keyId, string reason, string @delegate = "", string outcome = AuditEntry.Allowed)
    {
        foreach (var node in _nodes)
        {
            node.Add(TimeSpan.FromMinutes(minute), subject, AuditOperations.SetAcl, keyId, outcome, reason, @delegate);
        }
    }

    [Fact]
    public void Analyze_PatientsWithdrawalThroughTheBridge_IsOneRestrictionFlagNamingPatientBridgeStudyAndChange()
    {
        // Arrange: the bridge adds the deny to both keys of the study on every node, as the patient.
        SetAcl(1, Patient, "2.25.1111:1", Withdrawal, Bridge);
        SetAcl(1.01, Patient, "2.25.1111:2", Withdrawal, Bridge);

        // Act
        var flag = Assert.Single(Analyze(), f => f.Kind == AuditFlagKind.AclChange);

        // Assert
        Assert.Equal(("A1", Patient, Bridge, "2.25.1111", string.Empty, 2), (flag.Id, flag.Subject, flag.Delegate, flag.Study, flag.KeyId, flag.Count));
        Assert.Equal(["node1", "node2", "node3"], flag.Nodes);
        Assert.Equal(6, flag.Records.Count);
        Assert.Equal(
            $"ACL changes: 2 keys of study 2.25.1111 (2.25.1111:1, 2.25.1111:2) restricted by {Patient} via {Bridge} on node1, node2, node3: {Withdrawal}",
            flag.Detail);
    }

    [Theory]
    [InlineData("+fqan:/biomed/imaging=g", "widened")]
    [InlineData("-!fqan:/biomed/imaging=g", "widened")]
    [InlineData("-fqan:/biomed/imaging=g", "restricted")]
    [InlineData("+!fqan:/biomed/imaging=g; +fqan:/hospital/radiology=g", "changed")]
    [InlineData("unchanged", "rewritten unchanged")]
    public void Analyze_OwnersChange_SaysWhichWayItWent(string reason, string verb)
    {
        SetAcl(1, Curator, "2.25.2222:1", reason);

        var flag = Assert.Single(Analyze(), f => f.Kind == AuditFlagKind.AclChange);

        Assert.Equal(
            $"ACL changes: 1 key of study 2.25.2222 (2.25.2222:1) {verb} by {Curator} on node1, node2, node3: {reason}",
            flag.Detail);
        Assert.Equal(("2.25.2222:1", string.Empty), (flag.KeyId, flag.Delegate));
    }

    [Fact]
    public void Analyze_ChangeRecordedBeforeNodesDescribedChanges_IsFlaggedAsAChangeWithoutContent()
    {
        SetAcl(1, Curator, "2.25.3333:1", reason: string.Empty);

        var flag = Assert.Single(Analyze(), f => f.Kind == AuditFlagKind.AclChange);

        Assert.Equal(
            $"ACL changes: 1 key of study 2.25.3333 (2.25.3333:1) changed by {Curator} on node1, node2, node3 (the records do not say what changed).",
            flag.Detail);
    }

    [Fact]
    public void Analyze_RefusedChangeOrOtherStudy_IsNoPartOfTheWithdrawal()
    {
        // Arrange: a refused widening is a refusal, and another study's change is its own flag.
        SetAcl(1, Patient, "2.25.1111:1", Withdrawal, Bridge);
        SetAcl(2, Patient, "2.25.1111:1", "may only add get-share denies", Bridge, AuditEntry.Denied);
        SetAcl(3, Patient, "2.25.4444:1", Withdrawal, Bridge);

        // Act
        var flags = Analyze();

        // Assert
        var changes = flags.Where(f => f.Kind == AuditFlagKind.AclChange).ToList();
        Assert.Equal(["2.25.1111", "2.25.4444"], changes.Select(f => f.Study));
        Assert.Equal(["A1", "A2"], changes.Select(f => f.Id));
        Assert.All(changes, f => Assert.Equal(3, f.Records.Count));
        var refusal = Assert.Single(flags, f => f.Kind == AuditFlagKind.Refusal);
        Assert.Equal((Patient, "2.25.1111:1"), (refusal.Subject, refusal.KeyId));
    }
}
