namespace Hydra.Audit;

/// <summary>
/// Verifies a contiguous run of one node's audit records: sequence continuity, each record's hash, and each link to
/// the previous record; optionally that the run ends at the head the node (or a signed checkpoint) announced.
/// Every problem is reported with its sequence number, so an officer sees exactly where the trail was altered.
/// </summary>
public static class AuditChainVerifier
{
    /// <summary>Verifies <paramref name="entries"/>, which must start at <paramref name="firstSequence"/>.</summary>
    /// <param name="nodeId">The node the trail was read from.</param>
    /// <param name="entries">Records in the order the node returned them.</param>
    /// <param name="firstSequence">The sequence number the run should start at (1 for a whole trail).</param>
    /// <param name="previousHash">The hash before the first record, when known (the genesis value for a whole trail).</param>
    /// <param name="expectedHead">The length and head hash the node announced, to detect a cut-off tail.</param>
    public static AuditVerification Verify(
        string nodeId,
        IEnumerable<AuditEntry> entries,
        long firstSequence = 1,
        ReadOnlyMemory<byte>? previousHash = null,
        (long Length, ReadOnlyMemory<byte> Hash)? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var problems = new List<AuditProblem>();
        var expected = firstSequence;
        // The cast keeps "unknown" null: a bare null in the conditional would become an empty hash that links to nothing.
        var linkTo = previousHash ?? (firstSequence == 1 ? AuditChain.Genesis : (ReadOnlyMemory<byte>?)null);
        long count = 0;
        AuditEntry? last = null;
        foreach (var entry in entries)
        {
            count++;
            CheckPosition(nodeId, entry, expected, problems);
            CheckContent(nodeId, entry, linkTo, problems);
            expected = Math.Max(expected, entry.Sequence + 1);
            linkTo = entry.Hash;
            last = entry;
        }

        if (expectedHead is { } head)
        {
            CheckHead(nodeId, last, head, problems);
        }

        return new AuditVerification(nodeId, firstSequence, last?.Sequence ?? firstSequence - 1, count, problems);
    }

    private static void CheckPosition(string nodeId, AuditEntry entry, long expected, List<AuditProblem> problems)
    {
        if (entry.Sequence > expected)
        {
            problems.Add(new AuditProblem(nodeId, expected, AuditProblemKind.Gap,
                $"records {expected} to {entry.Sequence - 1} are missing."));
        }
        else if (entry.Sequence < expected)
        {
            problems.Add(new AuditProblem(nodeId, entry.Sequence, AuditProblemKind.OutOfOrder,
                $"record {entry.Sequence} appears after record {expected - 1}."));
        }

        if (!string.Equals(entry.NodeId, nodeId, StringComparison.Ordinal))
        {
            problems.Add(new AuditProblem(nodeId, entry.Sequence, AuditProblemKind.WrongNode,
                $"record claims node '{entry.NodeId}'."));
        }
    }

    private static void CheckContent(string nodeId, AuditEntry entry, ReadOnlyMemory<byte>? linkTo, List<AuditProblem> problems)
    {
        if (entry.PreviousHash.Length != AuditChain.HashLength || !AuditChain.ComputeHash(entry).AsSpan().SequenceEqual(entry.Hash.Span))
        {
            problems.Add(new AuditProblem(nodeId, entry.Sequence, AuditProblemKind.Edited,
                "the record's content does not match its hash."));
        }

        if (linkTo is { } link && !link.Span.SequenceEqual(entry.PreviousHash.Span))
        {
            problems.Add(new AuditProblem(nodeId, entry.Sequence, AuditProblemKind.BrokenLink,
                "the record does not link to the record before it."));
        }
    }

    private static void CheckHead(string nodeId, AuditEntry? last, (long Length, ReadOnlyMemory<byte> Hash) head, List<AuditProblem> problems)
    {
        var lastSequence = last?.Sequence ?? 0;
        if (lastSequence < head.Length)
        {
            problems.Add(new AuditProblem(nodeId, lastSequence + 1, AuditProblemKind.Truncated,
                $"the trail ends at record {lastSequence} but the node announced {head.Length} records."));
        }
        else if (last is not null && lastSequence == head.Length && !last.Hash.Span.SequenceEqual(head.Hash.Span))
        {
            problems.Add(new AuditProblem(nodeId, lastSequence, AuditProblemKind.Rewritten,
                $"record {lastSequence} differs from the head announced earlier: the trail was rewritten."));
        }
    }
}
