using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Hydra.Cluster.Containers;

/// <summary>
/// AES-256-GCM over one segment, in place. Nonce = prefix(7) || BE32 segment index || final flag (0x01 final, else
/// 0x00), the Tink layout: the index stops reordering, the flag stops truncation and extension. Not thread-safe: one
/// instance per worker.
/// </summary>
internal sealed class SegmentCipher : IDisposable
{
    private readonly AesGcm _aes;
    private readonly byte[] _nonce = new byte[ContainerFormat.NonceLength];

    public SegmentCipher(ReadOnlySpan<byte> segmentKey, ReadOnlySpan<byte> noncePrefix)
    {
        _aes = new AesGcm(segmentKey, ContainerFormat.TagLength);
        noncePrefix.CopyTo(_nonce);
    }

    /// <summary>Encrypts <c>segment[..plaintextLength]</c> in place and writes the tag right after it.</summary>
    public void Encrypt(long index, bool final, Span<byte> segment, int plaintextLength)
    {
        SetNonce(index, final);
        var text = segment[..plaintextLength];
        _aes.Encrypt(_nonce, text, text, segment.Slice(plaintextLength, ContainerFormat.TagLength));
    }

    /// <summary>
    /// Decrypts a ciphertext segment (ciphertext then tag) in place. False when the tag does not verify; the plaintext
    /// area is then cleared by AesGcm, so nothing unverified is left behind.
    /// </summary>
    public bool TryDecrypt(long index, bool final, Span<byte> segment)
    {
        SetNonce(index, final);
        var text = segment[..^ContainerFormat.TagLength];
        try
        {
            _aes.Decrypt(_nonce, text, segment[^ContainerFormat.TagLength..], text);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Dispose() => _aes.Dispose();

    private void SetNonce(long index, bool final)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_nonce.AsSpan(ContainerFormat.NoncePrefixLength), checked((uint)index));
        _nonce[^1] = final ? (byte)1 : (byte)0;
    }
}
