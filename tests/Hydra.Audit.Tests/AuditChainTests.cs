namespace Hydra.Audit.Tests;

/// <summary>The record hash chain, checked against the worked example of FORMAT.md and against every kind of tampering.</summary>
public sealed class AuditChainTests
{
    /// <summary>FORMAT.md section 1's worked example.</summary>
    private static AuditEntry Example() => new(
        1,
        new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_567),
        "node1",
        "/DC=org/DC=hydra-dev/O=Hospital/CN=Zoë Reader",
        "/DC=org/DC=hydra-dev/CN=Hydra Dev CA",
        ["/hospital/radiology"],
        "GetShare",
        "ingest:5f0c9a2e-7b1d-4c3e-8a6f-2d9b1e4c7a30",
        AuditEntry.Allowed,
        string.Empty,
        "127.0.0.1:50312",
        "/DC=org/DC=hydra-dev/O=Hydra/CN=bridge.hydra-dev.org",
        1,
        AuditChain.Genesis,
        ReadOnlyMemory<byte>.Empty);

    private static List<AuditEntry> Trail(int length)
    {
        var trail = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= length; i++)
        {
            var entry = AuditChain.Seal(Example() with { Sequence = i, PreviousHash = previous, KeyId = $"key-{i}" });
            trail.Add(entry);
            previous = entry.Hash;
        }

        return trail;
    }

    [Fact]
    public void ComputeHash_FormatWorkedExample_GivesTheDocumentedHash()
    {
        var hash = AuditChain.ComputeHash(Example());

        Assert.Equal("29c72014f353453281bdec0a4e289143b4626e8d7a23fd70aeb93c9a7dda77c1", Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Normalize_TruncatesToTheMicrosecond_AsStoredAndHashed()
    {
        var normalized = AuditChain.Normalize(Example().Time);

        Assert.Equal(Example().Time.AddTicks(-7), normalized);
        Assert.Equal(AuditChain.ComputeHash(Example()), AuditChain.ComputeHash(Example() with { Time = normalized }));
    }

    [Fact]
    public void Verify_UntouchedTrail_HasNoProblem()
    {
        var verification = AuditChainVerifier.Verify("node1", Trail(5), expectedHead: (5, Trail(5)[^1].Hash));

        Assert.Empty(verification.Problems);
        Assert.Equal(5, verification.RecordCount);
    }

    [Fact]
    public void Verify_EditedRecord_IsNamedEditedAtItsSequence()
    {
        var trail = Trail(5);
        trail[2] = trail[2] with { Subject = "/DC=org/CN=Someone Else" };

        var problem = Assert.Single(AuditChainVerifier.Verify("node1", trail).Problems);

        Assert.Equal((3L, AuditProblemKind.Edited), (problem.Sequence, problem.Kind));
    }

    [Fact]
    public void Verify_RecomputedHashAfterAnEdit_BreaksTheNextLink()
    {
        var trail = Trail(5);
        trail[2] = AuditChain.Seal(trail[2] with { Outcome = AuditEntry.Denied });

        var problem = Assert.Single(AuditChainVerifier.Verify("node1", trail).Problems);

        Assert.Equal((4L, AuditProblemKind.BrokenLink), (problem.Sequence, problem.Kind));
    }

    [Fact]
    public void Verify_MissingAndReorderedRecords_AreNamed()
    {
        var trail = Trail(6);
        List<AuditEntry> gap = [trail[0], trail[1], trail[4], trail[5]];
        List<AuditEntry> swapped = [trail[0], trail[2], trail[1], trail[3]];

        var gapProblems = AuditChainVerifier.Verify("node1", gap).Problems;
        var swapProblems = AuditChainVerifier.Verify("node1", swapped).Problems;

        Assert.Contains(gapProblems, p => p.Kind == AuditProblemKind.Gap && p.Sequence == 3);
        Assert.Contains(swapProblems, p => p.Kind == AuditProblemKind.OutOfOrder && p.Sequence == 2);
    }

    [Fact]
    public void Verify_TrailShorterThanAnnounced_IsTruncated_AndAnotherHeadIsRewritten()
    {
        var trail = Trail(4);

        var truncated = Assert.Single(AuditChainVerifier.Verify("node1", trail.Take(3), expectedHead: (4, trail[3].Hash)).Problems);
        var rewritten = Assert.Single(AuditChainVerifier.Verify("node1", trail, expectedHead: (4, trail[2].Hash)).Problems);

        Assert.Equal((4L, AuditProblemKind.Truncated), (truncated.Sequence, truncated.Kind));
        Assert.Equal((4L, AuditProblemKind.Rewritten), (rewritten.Sequence, rewritten.Kind));
    }

    [Fact]
    public void Verify_RecordOfAnotherNode_IsWrongNode()
    {
        var trail = Trail(2);

        var problem = Assert.Single(AuditChainVerifier.Verify("node2", trail.Take(1)).Problems);

        Assert.Equal(AuditProblemKind.WrongNode, problem.Kind);
    }
}
