namespace Hydra.Cluster;

/// <summary>Why one node did not do what was asked: the kind of failure, and the node's message or the error.</summary>
public sealed record NodeFailure(string NodeId, NodeFailureKind Kind, string Message)
{
    /// <summary>Whether the node refused the caller (credential, ACL or role).</summary>
    public bool IsRefusal => Kind is NodeFailureKind.PermissionDenied or NodeFailureKind.Unauthenticated;

    public override string ToString() => $"{NodeId}: {Kind}: {Message}";
}
