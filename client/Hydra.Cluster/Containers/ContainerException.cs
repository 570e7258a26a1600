namespace Hydra.Cluster.Containers;

/// <summary>A container that cannot be decrypted. Messages name the field or segment, never key or plaintext bytes.</summary>
public sealed class ContainerException : Exception
{
    public ContainerException()
        : this(ContainerErrorReason.MalformedHeader, "The container is invalid.")
    {
    }

    public ContainerException(string message)
        : this(ContainerErrorReason.MalformedHeader, message)
    {
    }

    public ContainerException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = ContainerErrorReason.MalformedHeader;
    }

    public ContainerException(ContainerErrorReason reason, string message, long? segmentIndex = null)
        : base(message)
    {
        Reason = reason;
        SegmentIndex = segmentIndex;
    }

    /// <summary>What was wrong.</summary>
    public ContainerErrorReason Reason { get; }

    /// <summary>The segment concerned (0-based), when one is.</summary>
    public long? SegmentIndex { get; }
}
