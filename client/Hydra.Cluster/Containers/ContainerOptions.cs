using Hydra.Keystore.Contract;
namespace Hydra.Cluster.Containers;

/// <summary>How a container is written.</summary>
public sealed class ContainerOptions
{
    /// <summary>The id of the image key, recorded in the header so a reader knows which shares to fetch. Required.</summary>
    public KeyId KeyId { get; set; }

    /// <summary>M of the key's split, recorded for readers. Default 2.</summary>
    public int Threshold { get; set; } = 2;

    /// <summary>N of the key's split, recorded for readers. Default 3.</summary>
    public int ShareCount { get; set; } = 3;

    /// <summary>Plaintext bytes per segment, 16 B to 64 MiB. Default 1,048,576 (1 MiB).</summary>
    public int SegmentSize { get; set; } = ContainerFormat.DefaultSegmentSize;

    /// <summary>
    /// The plaintext length in bytes when known in advance; it is recorded and enforced. Default null (unknown: the
    /// final-segment flag alone marks the end).
    /// </summary>
    public long? PlaintextLength { get; set; }

    /// <summary>
    /// Segments encrypted or decrypted at once by <see cref="ContainerCipher"/>. Default
    /// <see cref="Environment.ProcessorCount"/>; 1 processes segments one after another on the calling flow.
    /// </summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (KeyId.Value.Length == 0)
        {
            throw new ArgumentException("ContainerOptions.KeyId is required.", nameof(KeyId));
        }

        if (Threshold < 2 || ShareCount < Threshold || ShareCount > 255)
        {
            throw new ArgumentException($"ContainerOptions: Threshold {Threshold} and ShareCount {ShareCount} break 2 <= M <= N <= 255.", nameof(Threshold));
        }

        if (SegmentSize is < ContainerFormat.MinSegmentSize or > ContainerFormat.MaxSegmentSize)
        {
            throw new ArgumentException(
                $"ContainerOptions.SegmentSize {SegmentSize} is outside {ContainerFormat.MinSegmentSize}..{ContainerFormat.MaxSegmentSize} bytes.", nameof(SegmentSize));
        }

        if (PlaintextLength is { } length && (length < 0 || ContainerFormat.SegmentCount(length, SegmentSize) > ContainerFormat.MaxSegmentCount))
        {
            throw new ArgumentException($"ContainerOptions.PlaintextLength {length} is negative or needs more than 2^32 - 1 segments.", nameof(PlaintextLength));
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException("ContainerOptions.MaxDegreeOfParallelism must be at least 1.", nameof(MaxDegreeOfParallelism));
        }
    }
}
