namespace Hydra.Client.Auditing;

/// <summary>The verdict on one node's audit trail.</summary>
public enum NodeAuditState
{
    /// <summary>The trail was read and passed every check.</summary>
    Verified,

    /// <summary>The trail was read and at least one check failed: see the problems.</summary>
    Failed,

    /// <summary>The trail could not be read (refused, unreachable, cut off), so nothing is known about it.</summary>
    Unreadable,
}
