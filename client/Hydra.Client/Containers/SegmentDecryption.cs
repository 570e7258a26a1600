namespace Hydra.Client.Containers;

/// <summary>Decrypts one segment or explains, in the error, what its failure means.</summary>
internal static class SegmentDecryption
{
    /// <summary>Decrypts in place and returns the plaintext length, or throws <see cref="ContainerException"/>.</summary>
    public static int Decrypt(SegmentCipher cipher, long index, bool final, Span<byte> segment)
    {
        if (segment.Length < ContainerFormat.TagLength)
        {
            throw new ContainerException(
                ContainerErrorReason.Truncated,
                $"The container is truncated: segment {index} is {segment.Length} bytes, shorter than its {ContainerFormat.TagLength}-byte tag.",
                index);
        }

        if (index >= ContainerFormat.MaxSegmentCount)
        {
            throw new ContainerException(ContainerErrorReason.TooManySegments, $"The container has more than {ContainerFormat.MaxSegmentCount} segments.", index);
        }

        if (cipher.TryDecrypt(index, final, segment))
        {
            return segment.Length - ContainerFormat.TagLength;
        }

        // A stream cut at a segment boundary leaves a non-final segment at the end. Checking for that only names the
        // error; the segment's plaintext is discarded either way.
        if (final && segment.Length > ContainerFormat.TagLength && cipher.TryDecrypt(index, final: false, segment))
        {
            segment.Clear();
            throw new ContainerException(
                ContainerErrorReason.Truncated, $"The container is truncated after segment {index}, which is not the final segment.", index);
        }

        throw new ContainerException(
            ContainerErrorReason.SegmentTampered,
            $"Segment {index} failed authentication: it was altered, moved, or taken from another container.",
            index);
    }

    /// <summary>Once the final segment verified, checks the total against the header's declared length, if any.</summary>
    public static void CheckDeclaredLength(ContainerHeader header, long finalIndex, int finalLength)
    {
        var total = (finalIndex * header.SegmentSize) + finalLength;
        if (header.PlaintextLength is { } declared && declared != total)
        {
            throw new ContainerException(
                ContainerErrorReason.LengthMismatch, $"The container holds {total} plaintext bytes but its header declares {declared}.", finalIndex);
        }
    }
}
