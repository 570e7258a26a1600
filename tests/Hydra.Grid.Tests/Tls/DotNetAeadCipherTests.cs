using Hydra.Grid.Tls;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Tls;

namespace Hydra.Grid.Tests.Tls;

/// <summary>The record AEAD computed by .NET gives BouncyCastle's own bytes, in place as the record layer calls it.</summary>
public sealed class DotNetAeadCipherTests
{
    private static readonly byte[] Header = [23, 3, 3, 0x40, 0x11]; // TLS 1.3 record header as associated data

    [Theory]
    [InlineData(false, 16, 0)]
    [InlineData(false, 32, 1)]
    [InlineData(false, 32, 16_384 + 1)]
    [InlineData(true, 32, 17)]
    [InlineData(true, 32, 16_384 + 1)]
    public void Encrypt_InPlace_EqualsBouncyCastle_AndDecryptsBack(bool chaCha, int keySize, int length)
    {
        // Arrange
        var algorithm = Algorithm(chaCha);
        var key = Bytes(keySize, 1);
        var nonce = Bytes(12, 2);
        var plaintext = Bytes(length, 3);
        var record = new byte[7 + length + DotNetAeadCipher.TagSize];
        plaintext.CopyTo(record, 7);
        var encrypt = new DotNetAeadCipher(algorithm, encrypting: true);
        encrypt.SetKey(key, 0, key.Length);
        encrypt.Init(nonce, DotNetAeadCipher.TagSize, null!);

        // Act
        var written = encrypt.DoFinal(Header, record, 7, length, record, 7);

        // Assert: the same bytes as BouncyCastle's cipher, and back again
        Assert.Equal(length + DotNetAeadCipher.TagSize, written);
        Assert.Equal(BouncyCastleSeal(algorithm, key, nonce, plaintext), record.AsSpan(7, written).ToArray());
        var decrypt = new DotNetAeadCipher(algorithm, encrypting: false);
        decrypt.SetKey(key);
        decrypt.Init(nonce, DotNetAeadCipher.TagSize, null!);
        Assert.Equal(length, decrypt.GetOutputSize(written));
        Assert.Equal(length, decrypt.DoFinal(Header, record, 7, written, record, 7));
        Assert.Equal(plaintext, record.AsSpan(7, length).ToArray());
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 40)]
    [InlineData(false, 115)]
    [InlineData(true, 99)]
    public void Decrypt_AnyByteChanged_IsBadRecordMac(bool chaCha, int flipped)
    {
        var algorithm = Algorithm(chaCha);
        var key = Bytes(32, 4);
        var nonce = Bytes(12, 5);
        var record = BouncyCastleSeal(algorithm, key, nonce, Bytes(100, 6)); // 100 bytes then the tag
        record[flipped] ^= 0x01;
        var decrypt = new DotNetAeadCipher(algorithm, encrypting: false);
        decrypt.SetKey(key);
        decrypt.Init(nonce, DotNetAeadCipher.TagSize, null!);

        var alert = Assert.Throws<TlsFatalAlert>(() => decrypt.DoFinal(Header, record, 0, record.Length, record, 0));

        Assert.Equal(AlertDescription.bad_record_mac, alert.AlertDescription);
    }

    [Fact]
    public void Decrypt_ShorterThanATag_IsBadRecordMac()
    {
        var decrypt = new DotNetAeadCipher(DotNetAeadCipher.Algorithm.AesGcm, encrypting: false);
        decrypt.SetKey(Bytes(16, 7));
        decrypt.Init(Bytes(12, 8), DotNetAeadCipher.TagSize, null!);

        var alert = Assert.Throws<TlsFatalAlert>(() => decrypt.DoFinal(Header, new byte[15], 0, 15, new byte[15], 0));

        Assert.Equal(AlertDescription.bad_record_mac, alert.AlertDescription);
    }

    private static DotNetAeadCipher.Algorithm Algorithm(bool chaCha) =>
        chaCha ? DotNetAeadCipher.Algorithm.ChaCha20Poly1305 : DotNetAeadCipher.Algorithm.AesGcm;

    private static byte[] BouncyCastleSeal(DotNetAeadCipher.Algorithm algorithm, byte[] key, byte[] nonce, byte[] plaintext)
    {
        IAeadCipher cipher = algorithm == DotNetAeadCipher.Algorithm.AesGcm
            ? new GcmBlockCipher(AesUtilities.CreateEngine())
            : new ChaCha20Poly1305();
        cipher.Init(true, new AeadParameters(new KeyParameter(key), 128, nonce, Header));
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        var length = cipher.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        cipher.DoFinal(output, length);
        return output;
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
