using Hydra.Audit;
using Hydra.Grid;
using Hydra.Keystore.Contract.Channels;

namespace Hydra.Client.Auditing;

/// <summary>
/// Judges the checkpoints held about one node. Each must be signed by the node's host certificate as the cluster file
/// names it; two valid ones at one sequence with different hashes are equivocation; and the trail must pass through
/// every valid one: at least that long, with the same hash at that sequence.
/// </summary>
internal static class CheckpointChecks
{
    /// <summary>
    /// The valid statements among <paramref name="held"/>, one per sequence and hash with all their holders, oldest
    /// first; every invalid checkpoint is added to <paramref name="problems"/>.
    /// </summary>
    public static List<CheckpointStatement> Validate(
        ClusterNode node, IEnumerable<HeldCheckpoint> held, ProxyChainValidator validator, List<AuditProblem>? problems)
    {
        var valid = new List<HeldCheckpoint>();
        foreach (var copy in held)
        {
            var why = Check(node, copy.Checkpoint, validator);
            if (why is null)
            {
                valid.Add(copy);
            }
            else
            {
                problems?.Add(new AuditProblem(node.Id, copy.Checkpoint.Sequence, AuditProblemKind.InvalidCheckpoint,
                    $"checkpoint {copy.Checkpoint.Sequence} held by {copy.HolderNodeId} is not the node's: {why}"));
            }
        }

        return [.. valid
            .GroupBy(c => (c.Checkpoint.Sequence, Hash: Convert.ToHexStringLower(c.Checkpoint.Hash.Span)))
            .Select(g => new CheckpointStatement(
                g.Key.Sequence,
                g.First().Checkpoint.Hash,
                g.Min(c => c.Checkpoint.Time),
                [.. g.Select(c => c.HolderNodeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .OrderBy(s => s.Sequence)
            .ThenBy(s => s.HashText, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The newest statement made at or before <paramref name="time"/> that a peer witnessed and that no other valid
    /// statement contradicts: a safe place to start reading the trail.
    /// </summary>
    public static CheckpointStatement? NewestWitnessedAtOrBefore(string nodeId, IReadOnlyList<CheckpointStatement> statements, DateTimeOffset time)
    {
        var disputed = statements.GroupBy(s => s.Sequence).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return statements
            .Where(s => s.Time <= time && s.IsWitnessedFor(nodeId) && !disputed.Contains(s.Sequence))
            .MaxBy(s => s.Sequence);
    }

    /// <summary>Reports equivocation and every statement the trail does not pass through.</summary>
    public static void CompareWithTrail(string nodeId, IReadOnlyList<CheckpointStatement> statements, TrailIndex trail, List<AuditProblem> problems)
    {
        foreach (var group in statements.GroupBy(s => s.Sequence))
        {
            var versions = group.ToList();
            var record = trail.Find(group.Key);
            if (versions.Count > 1)
            {
                problems.Add(Equivocation(nodeId, group.Key, versions, record));
            }

            if (group.Key < trail.FirstSequence || group.Key > trail.LastSequence || record is null)
            {
                // Before the part read, beyond it (reported once below), or in a gap the chain check reports.
                continue;
            }

            if (!versions.Any(v => v.Hash.Span.SequenceEqual(record.Hash.Span)))
            {
                var statement = versions[0];
                problems.Add(new AuditProblem(nodeId, group.Key, AuditProblemKind.Rewritten,
                    $"record {group.Key} hashes to {Short(record.Hash)} but the node signed {Short(statement.Hash)} for it at "
                    + $"{Format(statement.Time)} (checkpoint held by {statement.HolderList}): the trail was rewritten."));
            }
        }

        var beyond = statements.Where(s => s.Sequence > trail.LastSequence).MaxBy(s => s.Sequence);
        if (beyond is not null)
        {
            problems.Add(new AuditProblem(nodeId, trail.LastSequence + 1, AuditProblemKind.Truncated,
                $"the trail ends at record {trail.LastSequence} but the node signed a checkpoint of {beyond.Sequence} records at "
                + $"{Format(beyond.Time)} (held by {beyond.HolderList}): records were removed."));
        }
    }

    private static AuditProblem Equivocation(string nodeId, long sequence, List<CheckpointStatement> versions, AuditEntry? record)
    {
        var described = string.Join("; ", versions.Select(v => $"{Short(v.Hash)} held by {v.HolderList}"));
        var trailSays = record is null ? "the trail read has no such record" : $"the trail has {Short(record.Hash)}";
        return new AuditProblem(nodeId, sequence, AuditProblemKind.Equivocation,
            $"the node signed {versions.Count} different hashes for record {sequence} ({described}); {trailSays}.");
    }

    private static string? Check(ClusterNode node, SignedCheckpoint checkpoint, ProxyChainValidator validator)
    {
        if (!string.Equals(checkpoint.NodeId, node.Id, StringComparison.Ordinal))
        {
            return $"it names node '{checkpoint.NodeId}'.";
        }

        return AuditCheckpoints.Check(checkpoint, validator,
            identity => HostCertificateValidator.MatchesIdentity(identity.EndEntityCertificate, identity.Subject, node.ExpectedIdentity));
    }

    /// <summary>The first 12 hex digits of a hash, enough to tell hashes apart in a message.</summary>
    internal static string Short(ReadOnlyMemory<byte> hash) =>
        hash.Length >= 6 ? Convert.ToHexStringLower(hash.Span[..6]) + "..." : Convert.ToHexStringLower(hash.Span);

    internal static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
