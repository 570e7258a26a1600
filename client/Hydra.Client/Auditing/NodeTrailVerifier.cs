using Hydra.Audit;
using Hydra.Cluster;
using Hydra.Grid;

namespace Hydra.Client.Auditing;

/// <summary>
/// Verifies one node's trail end to end: the hash chain, the head the node announced before streaming, and every
/// checkpoint the node and its peers hold about it.
/// </summary>
internal static class NodeTrailVerifier
{
    public static NodeAuditVerdict Verify(NodeAuditEvidence evidence, ProxyChainValidator validator)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var node = evidence.Node;
        var notes = evidence.CheckpointFailures
            .Select(f => $"{f.NodeId} did not hand over its checkpoints of {node.Id}: {f.Kind}: {f.Message}")
            .ToList();
        if (evidence.TrailFailure is { } failure)
        {
            return new NodeAuditVerdict(node.Id, node.Endpoint, NodeAuditState.Unreadable,
                $"not read: {failure.Kind}: {failure.Message}", 0, 0, 0, null, evidence.Status?.AuditLength ?? 0,
                evidence.Status?.AuditHead, 0, 0, [], [], notes, failure);
        }

        var problems = new List<AuditProblem>(AuditChainVerifier.Verify(node.Id, evidence.Trail, evidence.FirstSequence).Problems);
        var trail = new TrailIndex(evidence.Trail, evidence.FirstSequence);
        CheckAnnouncedHead(node.Id, evidence.Status, trail, problems);
        var statements = CheckpointChecks.Validate(node, evidence.Checkpoints, validator, problems);
        CheckpointChecks.CompareWithTrail(node.Id, statements, trail, problems);

        var witnessed = statements.Where(s => s.IsWitnessedFor(node.Id)).ToList();
        var newest = witnessed.Count == 0 ? 0 : witnessed.Max(s => s.Sequence);
        AddSealingNotes(node.Id, newest, trail, notes);
        var merged = Merge(problems);
        var head = trail.Find(trail.LastSequence);
        return new NodeAuditVerdict(
            node.Id,
            node.Endpoint,
            merged.Count == 0 ? NodeAuditState.Verified : NodeAuditState.Failed,
            Summarize(evidence, trail, merged, witnessed, newest),
            trail.FirstSequence,
            trail.LastSequence,
            evidence.Trail.Count,
            head is null ? null : Convert.ToHexStringLower(head.Hash.Span),
            evidence.Status?.AuditLength ?? 0,
            evidence.Status?.AuditHead,
            statements.Count,
            newest,
            [.. witnessed.SelectMany(s => s.Holders).Where(h => h != node.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            merged,
            notes,
            null);
    }

    /// <summary>The node's status came just before its trail: the trail must pass through the head it announced.</summary>
    private static void CheckAnnouncedHead(string nodeId, NodeStatus? status, TrailIndex trail, List<AuditProblem> problems)
    {
        if (status is not { Reachable: true, AuditLength: > 0, AuditHead: { Length: > 0 } announced } || status.AuditLength < trail.FirstSequence)
        {
            return;
        }

        var length = status.AuditLength;
        if (trail.LastSequence < length)
        {
            problems.Add(new AuditProblem(nodeId, trail.LastSequence + 1, AuditProblemKind.Truncated,
                $"the node announced {length} records just before, but its trail ends at record {trail.LastSequence}."));
        }
        else if (trail.Find(length) is { } record
            && !string.Equals(Convert.ToHexStringLower(record.Hash.Span), announced, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new AuditProblem(nodeId, length, AuditProblemKind.Rewritten,
                $"record {length} hashes to {CheckpointChecks.Short(record.Hash)} but the node announced "
                + $"{announced[..Math.Min(12, announced.Length)]}... as its head just before."));
        }
    }

    private static void AddSealingNotes(string nodeId, long newestWitnessed, TrailIndex trail, List<string> notes)
    {
        if (newestWitnessed == 0)
        {
            notes.Add($"No peer holds a checkpoint of {nodeId} yet: its records are protected by the hash chain alone.");
        }
        else if (trail.LastSequence > newestWitnessed)
        {
            notes.Add($"Records {newestWitnessed + 1}-{trail.LastSequence} are newer than the newest witnessed checkpoint.");
        }
    }

    /// <summary>One problem per sequence and kind (several checks can find the same fault), in trail order.</summary>
    private static List<AuditProblem> Merge(List<AuditProblem> problems) =>
        [.. problems
            .GroupBy(p => (p.Sequence, p.Kind))
            .Select(g => g.Count() == 1 ? g.First() : g.First() with { Description = string.Join(" Also: ", g.Select(p => p.Description).Distinct(StringComparer.Ordinal)) })
            .OrderBy(p => p.Sequence)
            .ThenBy(p => p.Kind)];

    private static string Summarize(
        NodeAuditEvidence evidence, TrailIndex trail, List<AuditProblem> problems, List<CheckpointStatement> witnessed, long newest)
    {
        if (problems.Count > 0)
        {
            var kinds = string.Join(", ", problems.Select(p => p.Kind).Distinct());
            return $"{problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")} ({kinds}), the first at record {problems[0].Sequence}.";
        }

        var range = $"records {trail.FirstSequence}-{trail.LastSequence} verified";
        if (evidence.StartCheckpoint is { } start)
        {
            range += $" (from the witnessed checkpoint at {start.Sequence})";
        }

        return newest == 0
            ? range + "; no witnessed checkpoint yet."
            : range + $"; sealed up to {newest} by checkpoints witnessed by "
                + string.Join(", ", witnessed.SelectMany(s => s.Holders).Where(h => h != evidence.Node.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + ".";
    }
}
