namespace Hydra.Cluster.Containers;

/// <summary>Where each segment of a seekable container lies, computed from the ciphertext's total length.</summary>
internal sealed class SegmentMap
{
    private readonly long _firstSegment;
    private readonly int _stride;
    private readonly int _lastLength;

    private SegmentMap(long firstSegment, int stride, long count, int lastLength)
    {
        _firstSegment = firstSegment;
        _stride = stride;
        Count = count;
        _lastLength = lastLength;
    }

    /// <summary>Number of segments.</summary>
    public long Count { get; }

    /// <summary>
    /// Maps a container whose header starts at <paramref name="start"/> in a stream of <paramref name="streamLength"/>
    /// bytes. Refuses lengths no writer produces, and, when the header declares a plaintext length, any other length.
    /// </summary>
    public static SegmentMap Measure(ContainerHeader header, long start, long streamLength)
    {
        var stride = header.SegmentSize + ContainerFormat.TagLength;
        var body = streamLength - start - header.Length;
        if (body < ContainerFormat.TagLength)
        {
            throw new ContainerException(ContainerErrorReason.Truncated, "The container is truncated: it holds no complete segment.", 0);
        }

        var count = ((body - 1) / stride) + 1;
        var lastLength = (int)(body - ((count - 1) * stride));
        if (lastLength < ContainerFormat.TagLength)
        {
            throw new ContainerException(
                ContainerErrorReason.Truncated, $"The container is truncated inside segment {count - 1}: it is shorter than a tag.", count - 1);
        }

        if (count > ContainerFormat.MaxSegmentCount)
        {
            throw new ContainerException(ContainerErrorReason.TooManySegments, $"The container has more than {ContainerFormat.MaxSegmentCount} segments.");
        }

        if (header.PlaintextLength is { } declared && declared != body - (count * ContainerFormat.TagLength))
        {
            throw new ContainerException(
                ContainerErrorReason.LengthMismatch,
                $"The ciphertext holds {body - (count * ContainerFormat.TagLength)} plaintext bytes but the header declares {declared}: truncated or extended.");
        }

        return new SegmentMap(start + header.Length, stride, count, lastLength);
    }

    /// <summary>Stream offset of segment <paramref name="index"/>.</summary>
    public long Offset(long index) => _firstSegment + (index * _stride);

    /// <summary>Ciphertext length (with tag) of segment <paramref name="index"/>.</summary>
    public int CiphertextLength(long index) => index == Count - 1 ? _lastLength : _stride;
}
