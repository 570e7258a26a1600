using System.Security.Cryptography;
using System.Text;

namespace Hydra.Keystore.Sealing;

/// <summary>
/// Seals share envelopes under the node's data key (AES-256-GCM, FORMAT.md section 1), each bound to its key id so a
/// sealed envelope copied under another key id does not open. Thread-safe; the key lives only in this object's memory.
/// </summary>
public sealed class EnvelopeCipher : IDisposable
{
    /// <summary>Data key length: AES-256.</summary>
    public const int KeySize = 32;

    /// <summary>Bytes a sealed envelope adds to the envelope: magic, version, nonce, tag.</summary>
    public const int Overhead = HeaderSize + NonceSize + TagSize;

    private const byte Version = 1;
    private const int HeaderSize = 5;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Magic = "HYSB"u8.ToArray();
    private static readonly byte[] AadLabel = "hydra/stored-share/v1"u8.ToArray();
    private static readonly byte[] CheckLabel = "hydra/data-key-check/v1"u8.ToArray();

    // AesGcm keeps one native context per instance and is not safe for concurrent use; seals are microseconds.
    private readonly Lock _gate = new();
    private readonly AesGcm _aes;

    public EnvelopeCipher(ReadOnlySpan<byte> dataKey)
    {
        if (dataKey.Length != KeySize)
        {
            throw new ArgumentException($"A data key is {KeySize} bytes.", nameof(dataKey));
        }

        _aes = new AesGcm(dataKey, TagSize);
    }

    /// <summary>
    /// The key check value stored beside a wrapped data key: HMAC-SHA256(data key, "hydra/data-key-check/v1"), first
    /// 16 bytes. It tells at start whether an unwrapped key is the one the data was sealed with, and reveals nothing of it.
    /// </summary>
    public static byte[] CheckValue(ReadOnlySpan<byte> dataKey) => HMACSHA256.HashData(dataKey, CheckLabel)[..16];

    /// <summary>Whether <paramref name="stored"/> starts like a sealed envelope (magic and version).</summary>
    public static bool LooksSealed(ReadOnlySpan<byte> stored) =>
        stored.Length >= Overhead && stored[..4].SequenceEqual(Magic) && stored[4] == Version;

    public byte[] Seal(string keyId, ReadOnlySpan<byte> envelope)
    {
        var aad = AssociatedData(keyId);
        var sealedEnvelope = new byte[Overhead + envelope.Length];
        Magic.CopyTo(sealedEnvelope, 0);
        sealedEnvelope[4] = Version;
        var nonce = sealedEnvelope.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var ciphertext = sealedEnvelope.AsSpan(HeaderSize + NonceSize, envelope.Length);
        var tag = sealedEnvelope.AsSpan(HeaderSize + NonceSize + envelope.Length, TagSize);
        lock (_gate)
        {
            _aes.Encrypt(nonce, envelope, ciphertext, tag, aad);
        }

        return sealedEnvelope;
    }

    /// <summary>Opens a sealed envelope of <paramref name="keyId"/>; throws <see cref="SealException"/> if it was changed or belongs to another key.</summary>
    public byte[] Open(string keyId, ReadOnlySpan<byte> sealedEnvelope)
    {
        if (!LooksSealed(sealedEnvelope))
        {
            throw new SealException($"The stored envelope of key '{keyId}' is not a sealed envelope (version {Version}).");
        }

        var aad = AssociatedData(keyId);
        var length = sealedEnvelope.Length - Overhead;
        var envelope = new byte[length];
        try
        {
            lock (_gate)
            {
                _aes.Decrypt(
                    sealedEnvelope.Slice(HeaderSize, NonceSize),
                    sealedEnvelope.Slice(HeaderSize + NonceSize, length),
                    sealedEnvelope.Slice(HeaderSize + NonceSize + length, TagSize),
                    envelope,
                    aad);
            }
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SealException(
                $"The sealed envelope of key '{keyId}' does not open: it was changed, or sealed for another key id or another data key.", ex);
        }

        return envelope;
    }

    private static byte[] AssociatedData(string keyId)
    {
        var length = Encoding.ASCII.GetByteCount(keyId);
        if (length is 0 or > byte.MaxValue || !Ascii.IsValid(keyId))
        {
            throw new ArgumentException("A key id is 1-255 ASCII characters.", nameof(keyId));
        }

        var aad = new byte[AadLabel.Length + 1 + length];
        AadLabel.CopyTo(aad, 0);
        aad[AadLabel.Length] = (byte)length;
        Encoding.ASCII.GetBytes(keyId, aad.AsSpan(AadLabel.Length + 1));
        return aad;
    }

    public void Dispose() => _aes.Dispose();
}
