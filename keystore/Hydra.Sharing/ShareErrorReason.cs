namespace Hydra.Sharing;

/// <summary>Why a set of shares could not be used; carried by <see cref="ShareException"/>.</summary>
public enum ShareErrorReason
{
    /// <summary>Fewer shares than the threshold.</summary>
    TooFewShares,

    /// <summary>A share has x = 0, the secret's own position; combining it would return attacker-chosen bytes.</summary>
    ZeroX,

    /// <summary>Two shares have the same x coordinate.</summary>
    DuplicateX,

    /// <summary>Shares differ in length, or a share is too short to hold any secret byte.</summary>
    LengthMismatch,

    /// <summary>Shares name different keys.</summary>
    MixedKeys,

    /// <summary>The same source sent more than one share.</summary>
    DuplicateSource,

    /// <summary>No subset of the shares rebuilds a key that verifies their integrity tags.</summary>
    IntegrityFailure,

    /// <summary>The bytes are not a well-formed share envelope or sealed share.</summary>
    Malformed,

    /// <summary>The share format version is not one this library reads.</summary>
    UnsupportedVersion,
}
