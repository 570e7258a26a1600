namespace Hydra.Dicom.IO;

/// <summary>
/// Limits and choices for reading encoded DICOM. The limits bound memory and work on hostile input: breaking one
/// raises <see cref="DicomFormatException"/> naming the offset, the element and the limit.
/// </summary>
public sealed record DicomReaderOptions
{
    /// <summary>The defaults below.</summary>
    public static DicomReaderOptions Default { get; } = new();

    /// <summary>Largest single value (or fragment) accepted, in bytes. Default 1,073,741,824 (1 GiB).</summary>
    public long MaxValueLength { get; init; } = 1L << 30;

    /// <summary>Deepest sequence nesting accepted (a top-level sequence is depth 1). Default 32.</summary>
    public int MaxNestingDepth { get; init; } = 32;

    /// <summary>Most items in one sequence, or fragments in one encapsulated value. Default 100,000.</summary>
    public int MaxItemsPerSequence { get; init; } = 100_000;

    /// <summary>Most elements, items and fragments in one data set, all levels together. Default 1,000,000.</summary>
    public int MaxElements { get; init; } = 1_000_000;

    /// <summary>Longest encoded (for deflated syntaxes: inflated) data set, in bytes. Default 4,294,967,296 (4 GiB).</summary>
    public long MaxDatasetLength { get; init; } = 4L << 30;

    /// <summary>
    /// When true (the default), an explicit VR of UN on a tag the dictionary knows is replaced by the dictionary VR,
    /// and such a value that is a sequence is parsed as one (its content is Implicit VR Little Endian, PS3.5 6.2.2).
    /// </summary>
    public bool ResolveUnknownVR { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a limit is not positive.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxValueLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNestingDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxItemsPerSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxElements);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDatasetLength);
    }
}
