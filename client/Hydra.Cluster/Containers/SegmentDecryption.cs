using System.Buffers;
using System.Security.Cryptography;

namespace Hydra.Cluster.Containers;

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

        // Decryption is in place and a failed attempt wipes the buffer, so a final segment is copied first: if it fails
        // as final, the copy tells a stream cut at a segment boundary (a valid non-final segment) from tampering. The
        // copy's plaintext is discarded either way.
        var copy = final && segment.Length > ContainerFormat.TagLength ? ArrayPool<byte>.Shared.Rent(segment.Length) : null;
        try
        {
            if (copy is not null)
            {
                segment.CopyTo(copy);
            }

            if (cipher.TryDecrypt(index, final, segment))
            {
                return segment.Length - ContainerFormat.TagLength;
            }

            if (copy is not null && cipher.TryDecrypt(index, final: false, copy.AsSpan(0, segment.Length)))
            {
                throw new ContainerException(
                    ContainerErrorReason.Truncated, $"The container is truncated after segment {index}, which is not the final segment.", index);
            }
        }
        finally
        {
            if (copy is not null)
            {
                CryptographicOperations.ZeroMemory(copy.AsSpan(0, segment.Length));
                ArrayPool<byte>.Shared.Return(copy);
            }
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
