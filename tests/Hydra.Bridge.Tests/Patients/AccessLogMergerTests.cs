using Hydra.Access;
using Hydra.Audit;
using Hydra.Bridge.Patients;

namespace Hydra.Bridge.Tests.Patients;

/// <summary>The nodes' records of a patient's keys become one plain-words event per read, newest first.</summary>
public sealed class AccessLogMergerTests
{
    private const string Bridge = "/DC=org/DC=hydra-dev/O=Hydra/CN=bridge.hydra-dev.org";
    private const string Reader = "/DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader";
    private static readonly PatientPseudonym Patient = new("HYD-0123456789ABCDEFGHJKMNPQRS");
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> Studies = new() { ["ingest:k1"] = "2.25.1", ["ingest:k2"] = "2.25.2" };

    [Fact]
    public void Merge_OneReadOnEveryNode_IsOneEventInPlainWords()
    {
        // Arrange: a reader's read through the bridge reaches three nodes within a second.
        var records = Enumerable.Range(1, 3)
            .Select(n => Record($"node{n}", Start.AddMilliseconds(300 * n), Reader, "ingest:k1", AuditEntry.Allowed, Bridge, "/hospital/radiology"));

        // Act
        var events = AccessLogMerger.Merge(records, Studies, Patient);

        // Assert
        var read = Assert.Single(events);
        Assert.Equal(new AccessEvent(Start.AddMilliseconds(300), "Alice Reader", read.Groups, "bridge.hydra-dev.org", true, "2.25.1", null), read);
        Assert.Equal(["/hospital/radiology"], read.Groups);
    }

    [Fact]
    public void Merge_PatientsOwnAndRefusedAndDirectReads_AreSeparateEventsNewestFirst()
    {
        // Arrange
        var records = new[]
        {
            Record("node1", Start, "patient:" + Patient.Value, "ingest:k1", AuditEntry.Allowed, Bridge),
            Record("node2", Start.AddSeconds(1), "patient:" + Patient.Value, "ingest:k1", AuditEntry.Allowed, Bridge),
            Record("node1", Start.AddMinutes(1), "oidc:https://iam.example/#rob", "ingest:k2", AuditEntry.Denied, string.Empty, "/biomed"),
            Record("node2", Start.AddMinutes(1).AddSeconds(1), "oidc:https://iam.example/#rob", "ingest:k2", AuditEntry.Denied, string.Empty, "/biomed"),
            Record("node1", Start.AddMinutes(2), Reader, "ingest:k1", AuditEntry.Allowed, string.Empty),
            Record("node1", Start.AddMinutes(2).AddSeconds(30), Reader, "ingest:k1", AuditEntry.Allowed, string.Empty),
        };

        // Act
        var events = AccessLogMerger.Merge(records.Reverse(), Studies, Patient);

        // Assert: two direct reads half a minute apart stay two; the refusal shows with its reason.
        Assert.Equal(
            [("Alice Reader", "directly", true), ("Alice Reader", "directly", true), ("rob (signed in at https://iam.example/)", "directly", false), ("you", "bridge.hydra-dev.org", true)],
            events.Select(e => (e.Who, e.Service, e.Released)));
        Assert.Equal(events.Select(e => e.Time).OrderDescending(), events.Select(e => e.Time));
        Assert.Equal("no ACL entry", events[2].Reason);
        Assert.Equal("2.25.2", events[2].StudyInstanceUid);
    }

    [Fact]
    public void Merge_OtherOperationsAndOtherKeys_AreLeftOut()
    {
        // Arrange
        var records = new[]
        {
            Record("node1", Start, Bridge, "ingest:k1", AuditEntry.Allowed, string.Empty) with { Operation = "RegisterShare" },
            Record("node1", Start, Reader, "ingest:someone-elses", AuditEntry.Allowed, string.Empty),
        };

        // Act
        var events = AccessLogMerger.Merge(records, Studies, Patient);

        // Assert
        Assert.Empty(events);
    }

    private static AuditEntry Record(
        string node, DateTimeOffset time, string subject, string keyId, string outcome, string delegateSubject, params string[] fqans) =>
        new(1, time, node, subject, string.Empty, fqans, AuditOperations.GetShare, keyId, outcome,
            outcome == AuditEntry.Allowed ? string.Empty : "no ACL entry", "127.0.0.1:1", delegateSubject, 0,
            ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
}
