using Hydra.Audit;
using Hydra.Cluster;
using Hydra.Keystore.Contract.Channels;

namespace Hydra.Client.Auditing;

/// <summary>Everything read from the cluster about one node's trail, before any judgement.</summary>
/// <param name="Node">The node as the cluster file names it.</param>
/// <param name="Status">What the node announced (trail length and head) just before its trail was read.</param>
/// <param name="StartCheckpoint">The witnessed checkpoint the trail was read from, or null when read from record 1.</param>
/// <param name="Trail">The records the node streamed, oldest first; empty when <paramref name="TrailFailure"/> is set.</param>
/// <param name="TrailFailure">Why the trail could not be read (refused, unreachable, cut off), or null.</param>
/// <param name="Checkpoints">Checkpoints about this node, from the node itself and from every peer that answered.</param>
/// <param name="CheckpointFailures">Nodes that did not hand over their checkpoints about this node, and why.</param>
public sealed record NodeAuditEvidence(
    ClusterNode Node,
    NodeStatus? Status,
    SignedCheckpoint? StartCheckpoint,
    IReadOnlyList<AuditEntry> Trail,
    NodeFailure? TrailFailure,
    IReadOnlyList<HeldCheckpoint> Checkpoints,
    IReadOnlyList<NodeFailure> CheckpointFailures)
{
    /// <summary>The first sequence number asked for: 1, or the start checkpoint's.</summary>
    public long FirstSequence => StartCheckpoint?.Sequence ?? 1;

    /// <summary>Whether the trail was read to the end.</summary>
    public bool IsReadable => TrailFailure is null;
}
