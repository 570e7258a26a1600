using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>A signed checkpoint as one node holds it: its own, or one it witnessed for a peer.</summary>
/// <param name="HolderNodeId">The node that returned it.</param>
/// <param name="Checkpoint">The checkpoint, not yet checked.</param>
public sealed record HeldCheckpoint(string HolderNodeId, SignedCheckpoint Checkpoint)
{
    /// <summary>Whether a node other than the one the checkpoint is about holds it (a witness's copy).</summary>
    public bool IsWitnessed => !string.Equals(HolderNodeId, Checkpoint.NodeId, StringComparison.Ordinal);
}
