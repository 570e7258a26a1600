using System.Security.Cryptography;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl;

namespace Hydra.Grid.Tls;

/// <summary>
/// One direction of a TLS record AEAD (RFC 5288 AES-GCM, RFC 7905 ChaCha20-Poly1305) for BouncyCastle's
/// <see cref="TlsAeadCipher"/>, computed by <see cref="AesGcm"/> or <see cref="ChaCha20Poly1305"/>. BouncyCastle calls
/// <see cref="Init"/> with each record's nonce, then <see cref="DoFinal(byte[], byte[], int, int, byte[], int)"/> with the
/// record header as associated data, in place (output and input the same bytes): ciphertext then a 16-byte tag.
/// BouncyCastle never disposes a cipher; the native context is released with its safe handle when the connection goes.
/// </summary>
internal sealed class DotNetAeadCipher(DotNetAeadCipher.Algorithm algorithm, bool encrypting) : TlsAeadCipherImpl
{
    /// <summary>Both suites' tag: 16 bytes (RFC 5116 AEAD_AES_*_GCM, RFC 8439).</summary>
    public const int TagSize = 16;

    public enum Algorithm
    {
        AesGcm,
        ChaCha20Poly1305,
    }

    private IDisposable? _cipher;
    private byte[] _nonce = [];
    private byte[]? _initAdditionalData;

    public void SetKey(byte[] key, int keyOff, int keyLen) => SetKey(key.AsSpan(keyOff, keyLen));

    public void SetKey(ReadOnlySpan<byte> key)
    {
        // TLS 1.3 key updates call this again: the old key goes with its cipher.
        _cipher?.Dispose();
        _cipher = algorithm == Algorithm.AesGcm ? new AesGcm(key, TagSize) : new ChaCha20Poly1305(key);
    }

    public void Init(byte[] nonce, int macSize, byte[] additionalData)
    {
        if (macSize != TagSize)
        {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }

        _nonce = nonce;
        _initAdditionalData = additionalData;
    }

    public int GetOutputSize(int inputLength) => encrypting ? inputLength + TagSize : Math.Max(0, inputLength - TagSize);

    public int DoFinal(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset) =>
        DoFinal(_initAdditionalData, input, inputOffset, inputLength, output, outputOffset);

    public int DoFinal(byte[]? additionalData, byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset)
    {
        var cipher = _cipher ?? throw new TlsFatalAlert(AlertDescription.internal_error);
        var associated = additionalData ?? _initAdditionalData ?? [];
        if (encrypting)
        {
            var plaintext = input.AsSpan(inputOffset, inputLength);
            var ciphertext = output.AsSpan(outputOffset, inputLength);
            var tag = output.AsSpan(outputOffset + inputLength, TagSize);
            if (cipher is AesGcm gcm)
            {
                gcm.Encrypt(_nonce, plaintext, ciphertext, tag, associated);
            }
            else
            {
                ((ChaCha20Poly1305)cipher).Encrypt(_nonce, plaintext, ciphertext, tag, associated);
            }

            return inputLength + TagSize;
        }

        if (inputLength < TagSize)
        {
            throw new TlsFatalAlert(AlertDescription.bad_record_mac);
        }

        var length = inputLength - TagSize;
        try
        {
            var sealedBytes = input.AsSpan(inputOffset, length);
            var receivedTag = input.AsSpan(inputOffset + length, TagSize);
            var opened = output.AsSpan(outputOffset, length);
            if (cipher is AesGcm gcm)
            {
                gcm.Decrypt(_nonce, sealedBytes, receivedTag, opened, associated);
            }
            else
            {
                ((ChaCha20Poly1305)cipher).Decrypt(_nonce, sealedBytes, receivedTag, opened, associated);
            }
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new TlsFatalAlert(AlertDescription.bad_record_mac, ex);
        }

        return length;
    }

    public void Reset()
    {
    }
}
