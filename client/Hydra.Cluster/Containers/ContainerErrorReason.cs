namespace Hydra.Cluster.Containers;

/// <summary>Why a container was refused; carried by <see cref="ContainerException"/>.</summary>
public enum ContainerErrorReason
{
    /// <summary>The data does not start with the container magic.</summary>
    BadMagic,

    /// <summary>The container version is not one this library reads.</summary>
    UnsupportedVersion,

    /// <summary>The algorithm id is not one this library knows.</summary>
    UnsupportedAlgorithm,

    /// <summary>A header field is out of range.</summary>
    MalformedHeader,

    /// <summary>The key commitment does not match: the key is wrong, or the header was altered.</summary>
    WrongKey,

    /// <summary>A segment failed authentication: altered, reordered, or spliced from another container.</summary>
    SegmentTampered,

    /// <summary>The data ends before the final segment.</summary>
    Truncated,

    /// <summary>The plaintext length differs from the length the header declares.</summary>
    LengthMismatch,

    /// <summary>More segments than the 2^32 - 1 a container can number.</summary>
    TooManySegments,
}
