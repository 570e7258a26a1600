using Hydra.Audit;
using Hydra.Client.Auditing;

namespace Hydra.Client.Tests.Auditing;

/// <summary>Flags over merged trails of three nodes, M = 2.</summary>
public sealed class AuditAnalyzerTests
{
    private const string Alice = "/DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader";
    private const string Bob = "/DC=org/DC=hydra-dev/O=Hospital/CN=Bob Reader";
    private const string Carol = "/DC=org/DC=hydra-dev/O=Hospital/CN=Carol Researcher";
    private const string Bridge = "/DC=org/DC=hydra-dev/O=Hospital/CN=bridge";
    private const string Study = "2.25.1111";

    private readonly SyntheticTrail _node1 = new("node1");
    private readonly SyntheticTrail _node2 = new("node2");
    private readonly SyntheticTrail _node3 = new("node3");

    private List<AuditFlag> Analyze(AuditAnalysisOptions? options = null) =>
        AuditAnalyzer.Analyze([.. _node1.Entries, .. _node2.Entries, .. _node3.Entries], 2, options ?? new AuditAnalysisOptions());

    private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public void Analyze_SeveralReaders_FlagsOnlyThoseWhoGotMShares()
    {
        // Alice: two nodes within seconds (a normal fetch). Bob: one node only. Carol: refused everywhere.
        _node1.Release(Minutes(1), Alice, "k1");
        _node2.Release(Minutes(1.01), Alice, "k1");
        _node3.Release(Minutes(2), Bob, "k1");
        _node1.Refuse(Minutes(3), Carol, "k1");
        _node2.Refuse(Minutes(3), Carol, "k1");
        _node3.Refuse(Minutes(3), Carol, "k1");

        var flags = Analyze();

        var reconstruction = Assert.Single(flags, f => f.Kind == AuditFlagKind.Reconstruction);
        Assert.Equal((Alice, "k1"), (reconstruction.Subject, reconstruction.KeyId));
        Assert.Equal(["node1", "node2"], reconstruction.Nodes);
        Assert.Equal([new AuditRecordRef("node1", 1), new AuditRecordRef("node2", 1)], reconstruction.Records);
        var refusal = Assert.Single(flags, f => f.Kind == AuditFlagKind.Refusal);
        Assert.Equal((Carol, 3, "k1"), (refusal.Subject, refusal.Count, refusal.KeyId));
        Assert.Equal(["node1", "node2", "node3"], refusal.Nodes);
        Assert.Contains("may not get the share", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ReleasesFurtherApartThanTheWindow_AreNoReconstruction()
    {
        _node1.Release(Minutes(0), Alice, "k1");
        _node2.Release(Minutes(10.5), Alice, "k1");
        _node3.Release(Minutes(30), Bob, "k2");
        _node3.Release(Minutes(31), Bob, "k2");

        var flags = Analyze();

        Assert.DoesNotContain(flags, f => f.Kind == AuditFlagKind.Reconstruction);
        Assert.Contains(Analyze(new AuditAnalysisOptions { ReconstructionWindow = Minutes(11) }), f => f.Kind == AuditFlagKind.Reconstruction && f.Subject == Alice);
    }

    [Fact]
    public void Analyze_OneFetchOfNShares_IsOneReconstruction_AndALaterFetchAnother()
    {
        _node1.Release(Minutes(0), Alice, "k1");
        _node2.Release(Minutes(0), Alice, "k1");
        _node3.Release(Minutes(0.1), Alice, "k1");
        _node1.Release(Minutes(60), Alice, "k1");
        _node3.Release(Minutes(61), Alice, "k1");

        var reconstructions = Analyze().Where(f => f.Kind == AuditFlagKind.Reconstruction).ToList();

        Assert.Equal(2, reconstructions.Count);
        Assert.Equal(3, reconstructions[0].Count);
        Assert.Equal(["node1", "node3"], reconstructions[1].Nodes);
        Assert.Equal(["R1", "R2"], reconstructions.Select(f => f.Id));
    }

    [Fact]
    public void Analyze_DelegateFetchingForAReader_FlagsDelegatedAccessAndTheReadersReconstruction()
    {
        var key = Study + ":2.25.2222";
        _node1.Release(Minutes(5), Alice, key, Bridge);
        _node2.Release(Minutes(5), Alice, key, Bridge);
        _node3.Add(Minutes(5), Alice, AuditOperations.GetShare, key, AuditEntry.Denied, "node overloaded", Bridge);

        var flags = Analyze();

        var delegated = Assert.Single(flags, f => f.Kind == AuditFlagKind.DelegatedAccess);
        Assert.Equal((Alice, Bridge, 3, key, Study), (delegated.Subject, delegated.Delegate, delegated.Count, delegated.KeyId, delegated.Study));
        Assert.Contains("2 shares released, 1 refused", delegated.Detail, StringComparison.Ordinal);
        var reconstruction = Assert.Single(flags, f => f.Kind == AuditFlagKind.Reconstruction);
        Assert.Equal((Alice, Bridge, Study), (reconstruction.Subject, reconstruction.Delegate, reconstruction.Study));
    }

    [Fact]
    public void Analyze_BridgeFetchingForAPatient_ShowsThePatientAsSubjectAndTheBridgeAsDelegate()
    {
        // Nodes record a patient's read as subject patient:<pseudonym>, empty issuer, no groups, the bridge as delegate.
        const string Patient = "patient:HYD-0123456789ABCDEFGHJKMNPQRS";
        var key = Study + ":2.25.3333";
        _node1.Add(Minutes(5), Patient, AuditOperations.GetShare, key, @delegate: Bridge, issuer: string.Empty);
        _node2.Add(Minutes(5), Patient, AuditOperations.GetShare, key, @delegate: Bridge, issuer: string.Empty);

        var flags = Analyze();

        var delegated = Assert.Single(flags, f => f.Kind == AuditFlagKind.DelegatedAccess);
        Assert.Equal((Patient, Bridge, 2, key), (delegated.Subject, delegated.Delegate, delegated.Count, delegated.KeyId));
        Assert.StartsWith(Bridge + " acted for the subject 2 times on 1 key: 2 shares released", delegated.Detail, StringComparison.Ordinal);
        var reconstruction = Assert.Single(flags, f => f.Kind == AuditFlagKind.Reconstruction);
        Assert.Equal((Patient, Bridge), (reconstruction.Subject, reconstruction.Delegate));
        Assert.Null(IdentityLinks.Parse($"{{\"people\":[{{\"name\":\"Alice\",\"principals\":[\"dn:{Alice}\"]}}]}}").PersonOf(Patient));
    }

    [Fact]
    public void Analyze_ManyKeysInAnHour_IsUnusualAboveTheLimit()
    {
        for (var i = 0; i < 12; i++)
        {
            _node1.Release(Minutes(i), Carol, $"{Study}:k{i}");
            _node2.Release(Minutes(i), Carol, $"{Study}:k{i}");
        }

        _node1.Release(Minutes(2), Alice, "a1");
        _node2.Release(Minutes(2), Alice, "a1");

        var flags = Analyze(new AuditAnalysisOptions { HourlyKeyLimit = 10 });

        var volume = Assert.Single(flags, f => f.Kind == AuditFlagKind.UnusualVolume);
        Assert.Equal((Carol, 12, Study), (volume.Subject, volume.Count, volume.Study));
        Assert.Contains("more than the limit of 10", volume.Detail, StringComparison.Ordinal);
        Assert.Equal(12, flags.Count(f => f.Kind == AuditFlagKind.Reconstruction && f.Subject == Carol));
        Assert.DoesNotContain(Analyze(), f => f.Kind == AuditFlagKind.UnusualVolume);
    }

    [Fact]
    public void Analyze_HourFarAboveTheSubjectsUsualRate_IsUnusual()
    {
        // Three ordinary hours of 2 keys, then an hour of 30.
        for (var hour = 0; hour < 3; hour++)
        {
            _node1.Release(TimeSpan.FromHours(hour), Alice, $"h{hour}a");
            _node1.Release(TimeSpan.FromHours(hour) + Minutes(5), Alice, $"h{hour}b");
        }

        for (var i = 0; i < 30; i++)
        {
            _node2.Release(TimeSpan.FromHours(5) + Minutes(i), Alice, $"burst{i}");
        }

        var options = new AuditAnalysisOptions { MinimumUnusualKeys = 20, UsualRateMultiple = 5 };

        var volume = Assert.Single(Analyze(options), f => f.Kind == AuditFlagKind.UnusualVolume);
        Assert.Equal(30, volume.Count);
        Assert.Contains("15 times the subject's usual 2 per active hour", volume.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Analyze(options with { MinimumHistoryHours = 4 }), f => f.Kind == AuditFlagKind.UnusualVolume);
        Assert.DoesNotContain(Analyze(options with { MinimumUnusualKeys = 31 }), f => f.Kind == AuditFlagKind.UnusualVolume);
    }

    [Theory]
    [InlineData(51, true)]
    [InlineData(50, false)]
    public void Analyze_UsualRateIsTheMedianOfTheOtherActiveHours(int burst, bool unusual)
    {
        // Other hours: 2, 4, 6 and 8 keys, median 5; ten times that is 50.
        var hour = 0;
        foreach (var keys in new[] { 2, 4, 6, 8 })
        {
            for (var i = 0; i < keys; i++)
            {
                _node1.Release(TimeSpan.FromHours(hour) + Minutes(i), Bob, $"h{hour}k{i}");
            }

            hour++;
        }

        for (var i = 0; i < burst; i++)
        {
            _node1.Release(TimeSpan.FromHours(10) + TimeSpan.FromSeconds(i), Bob, $"burst{i}");
        }

        var flags = Analyze(new AuditAnalysisOptions { MinimumUnusualKeys = 20 });

        Assert.Equal(unusual, flags.Any(f => f.Kind == AuditFlagKind.UnusualVolume && f.Count == burst));
        Assert.DoesNotContain(flags, f => f.Kind == AuditFlagKind.UnusualVolume && f.Count != burst);
    }

    [Theory]
    [InlineData(0, 10, 10, 50, 3)]
    [InlineData(10, 0, 10, 50, 3)]
    [InlineData(10, 10, 1, 50, 3)]
    [InlineData(10, 10, 10, 0, 3)]
    public void Validate_OutOfRange_Throws(double windowMinutes, int limit, double multiple, int minimum, int hours)
    {
        var options = new AuditAnalysisOptions
        {
            ReconstructionWindow = Minutes(windowMinutes), HourlyKeyLimit = limit, UsualRateMultiple = multiple,
            MinimumUnusualKeys = minimum, MinimumHistoryHours = hours,
        };

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
