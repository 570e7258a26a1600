namespace Hydra.Cluster;

/// <summary>
/// A cluster operation that did not succeed as a whole (quorum not met, key not rebuildable, refused everywhere);
/// <see cref="Failures"/> says what each node answered.
/// </summary>
public sealed class ClusterException : Exception
{
    public ClusterException()
    {
    }

    public ClusterException(string message)
        : base(message)
    {
    }

    public ClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClusterException(string message, IReadOnlyList<NodeFailure> failures, Exception? innerException = null)
        : base(message, innerException)
    {
        Failures = failures;
    }

    /// <summary>Per-node failures behind this error.</summary>
    public IReadOnlyList<NodeFailure> Failures { get; } = [];

    /// <summary>Whether every node refused on authorisation or authentication grounds.</summary>
    public bool IsAccessDenied => Failures.Count > 0 && Failures.All(f => f.IsRefusal);

    /// <summary>Whether every node reported the key as absent.</summary>
    public bool IsNotFound => Failures.Count > 0 && Failures.All(f => f.Kind == NodeFailureKind.NotFound);
}
