using Hydra.Audit;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Keystore.Contract.Channels;

namespace Hydra.Client.Auditing;

/// <summary>
/// The security officer's investigation of a cluster: reads every node's announced head, the checkpoints every node
/// holds about it and its whole trail (or the trail from a witnessed checkpoint on), verifies them end to end, merges
/// the trails into one timeline and flags what an officer must see. Only auditors can read trails; every read is
/// itself audited by the nodes.
/// </summary>
/// <remarks>
/// Order matters and is fixed: status first, then checkpoints, then the trail, so that everything the trail is compared
/// with existed before the trail was read (a checkpoint made after the read would otherwise look like truncation).
/// </remarks>
public sealed class AuditInvestigation
{
    private readonly KeystoreCluster _cluster;
    private readonly ProxyChainValidator _validator;
    private readonly TimeProvider _time;

    /// <param name="cluster">A connection as an auditor.</param>
    /// <param name="trustStore">The CA certificates that checkpoint signers' host certificates must chain to.</param>
    /// <param name="time">The clock for the report's date. Default: the system clock.</param>
    public AuditInvestigation(KeystoreCluster cluster, GridTrustStore trustStore, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(trustStore);
        _cluster = cluster;
        _validator = new ProxyChainValidator(trustStore);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Reads, verifies and analyses. Nodes that cannot be read are in the report as unreadable; when no node at all
    /// lets the caller read, throws <see cref="ClusterException"/> with every node's answer.
    /// </summary>
    public async Task<AuditReport> RunAsync(AuditInvestigationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var nodes = SelectNodes(options.Nodes);
        var statuses = await _cluster.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        var evidence = await Task.WhenAll(nodes.Select(node => GatherAsync(node, statuses, options, cancellationToken))).ConfigureAwait(false);
        if (evidence.All(e => !e.IsReadable))
        {
            var failures = evidence.Select(e => e.TrailFailure!).ToList();
            throw new ClusterException("No node let you read its audit trail: " + string.Join("; ", failures), failures);
        }

        var auditor = statuses.Select(s => s.Caller?.Subject).FirstOrDefault(s => s is not null);
        return AuditReportBuilder.Build(evidence, _validator, _cluster.Configuration.Threshold, options, _time.GetUtcNow(), auditor);
    }

    private List<ClusterNode> SelectNodes(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return [.. _cluster.Nodes];
        }

        var unknown = names.Where(n => _cluster.Nodes.All(node => node.Id != n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Not in the cluster file: {string.Join(", ", unknown)}.", nameof(names));
        }

        return [.. _cluster.Nodes.Where(node => names.Contains(node.Id, StringComparer.Ordinal))];
    }

    private async Task<NodeAuditEvidence> GatherAsync(
        ClusterNode node, IReadOnlyList<NodeStatus> statuses, AuditInvestigationOptions options, CancellationToken cancellationToken)
    {
        var status = statuses.First(s => s.Node.Id == node.Id);
        if (!status.Reachable)
        {
            return new NodeAuditEvidence(node, status, null, [], status.Failure ?? new NodeFailure(node.Id, NodeFailureKind.Unavailable, "unreachable"), [], []);
        }

        var (held, failures) = await GatherCheckpointsAsync(node, statuses, cancellationToken).ConfigureAwait(false);
        var start = options.StartAtWitnessedCheckpoint && options.Selection.From is { } from ? StartCheckpoint(node, held, from) : null;
        var (trail, failure) = await ReadTrailAsync(node, start?.Sequence ?? 1, cancellationToken).ConfigureAwait(false);
        return new NodeAuditEvidence(node, status, start, trail, failure, held, failures);
    }

    private SignedCheckpoint? StartCheckpoint(ClusterNode node, List<HeldCheckpoint> held, DateTimeOffset from)
    {
        var statements = CheckpointChecks.Validate(node, held, _validator, problems: null);
        var chosen = CheckpointChecks.NewestWitnessedAtOrBefore(node.Id, statements, from);
        return chosen is null
            ? null
            : held.First(h => h.Checkpoint.Sequence == chosen.Sequence && h.Checkpoint.Hash.Span.SequenceEqual(chosen.Hash.Span)).Checkpoint;
    }

    /// <summary>Every reachable node's checkpoints about <paramref name="about"/>: its own, and its peers' witnessed copies.</summary>
    private async Task<(List<HeldCheckpoint> Held, List<NodeFailure> Failures)> GatherCheckpointsAsync(
        ClusterNode about, IReadOnlyList<NodeStatus> statuses, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(statuses.Select(async holder =>
        {
            if (!holder.Reachable)
            {
                return (Held: new List<HeldCheckpoint>(), Failure: holder.Failure ?? new NodeFailure(holder.Node.Id, NodeFailureKind.Unavailable, "unreachable"));
            }

            try
            {
                var checkpoints = await _cluster.GetCheckpointsAsync(holder.Node.Id, about.Id, 0, cancellationToken).ConfigureAwait(false);
                return (Held: checkpoints.Select(c => new HeldCheckpoint(holder.Node.Id, c)).ToList(), Failure: (NodeFailure?)null);
            }
            catch (ClusterException ex) when (ex.Failures.Count == 1)
            {
                return (Held: new List<HeldCheckpoint>(), Failure: ex.Failures[0]);
            }
        })).ConfigureAwait(false);
        return ([.. answers.SelectMany(a => a.Held)], [.. answers.Where(a => a.Failure is not null).Select(a => a.Failure!)]);
    }

    private async Task<(List<AuditEntry> Trail, NodeFailure? Failure)> ReadTrailAsync(ClusterNode node, long fromSequence, CancellationToken cancellationToken)
    {
        var trail = new List<AuditEntry>();
        try
        {
            await foreach (var entry in _cluster.QueryAuditAsync(node.Id, new AuditQueryOptions { FromSequence = fromSequence }, cancellationToken)
                .ConfigureAwait(false))
            {
                trail.Add(entry);
            }

            return (trail, null);
        }
        catch (ClusterException ex) when (ex.Failures.Count == 1)
        {
            // A trail cut off half way, or holding a malformed record, says nothing reliable about the node: it is
            // reported unreadable (naming the node and why), not truncated.
            return ([], ex.Failures[0]);
        }
    }
}
