namespace Hydra.Client.Auditing;

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

    /// <summary>The trail ends before the length and head the node announced: its newest records are gone.</summary>
    Truncated,

    /// <summary>The record at the announced head differs from it: the trail was rewritten from some point on.</summary>
    Rewritten,

    /// <summary>A record claims another node than the trail it was read from.</summary>
    WrongNode,
}
