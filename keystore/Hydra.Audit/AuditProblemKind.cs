namespace Hydra.Audit;

/// <summary>The ways an audit trail can fail verification.</summary>
public enum AuditProblemKind
{
    /// <summary>Records are missing: sequence numbers jump.</summary>
    Gap,

    /// <summary>A record appears out of order or twice.</summary>
    OutOfOrder,

    /// <summary>A record's content no longer matches its hash: it was edited.</summary>
    Edited,

    /// <summary>A record does not point at the hash of the record before it: a record before it was removed, edited or inserted.</summary>
    BrokenLink,

    /// <summary>
    /// The trail ends before a length the node announced or signed in a checkpoint: records it once held are gone.
    /// </summary>
    Truncated,

    /// <summary>
    /// The record at an announced head or at a signed checkpoint's sequence has another hash: the trail was rewritten
    /// from some point on, even if its own links are consistent.
    /// </summary>
    Rewritten,

    /// <summary>A record claims another node than the trail it was read from.</summary>
    WrongNode,

    /// <summary>
    /// A checkpoint of the node does not prove anything: its signature fails, or its signer is not the node's host
    /// certificate as the cluster file names it (forged or altered).
    /// </summary>
    InvalidCheckpoint,

    /// <summary>The node signed two checkpoints with different hashes at one sequence: it showed two histories.</summary>
    Equivocation,
}
