using System.Security.Cryptography;
using Hydra.Keystore.Sealing;

namespace Hydra.Keystore.Tests.Seal;

/// <summary>AES-256-GCM sealing of stored envelopes, bound to the key id, and the check value of the data key.</summary>
public sealed class EnvelopeCipherTests : IDisposable
{
    private readonly EnvelopeCipher _cipher = new(RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize));

    [Fact]
    public void SealThenOpen_ReturnsTheEnvelope_AndTheSealedFormHidesIt()
    {
        var envelope = RandomNumberGenerator.GetBytes(120);

        var sealedEnvelope = _cipher.Seal("key-1", envelope);

        Assert.Equal(envelope.Length + EnvelopeCipher.Overhead, sealedEnvelope.Length);
        Assert.True(sealedEnvelope.AsSpan().IndexOf(envelope.AsSpan(0, 16)) < 0);
        Assert.Equal(envelope, _cipher.Open("key-1", sealedEnvelope));
    }

    [Fact]
    public void SameEnvelopeSealedTwice_DiffersEachTime()
    {
        var envelope = RandomNumberGenerator.GetBytes(64);

        Assert.NotEqual(_cipher.Seal("key-1", envelope), _cipher.Seal("key-1", envelope));
    }

    [Fact]
    public void SealedForOneKeyId_DoesNotOpenUnderAnother()
    {
        var sealedEnvelope = _cipher.Seal("key-1", RandomNumberGenerator.GetBytes(64));

        var error = Assert.Throws<SealException>(() => _cipher.Open("key-2", sealedEnvelope));

        Assert.Contains("key-2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(-1)]
    public void AnyChangedByte_DoesNotOpen(int index)
    {
        var sealedEnvelope = _cipher.Seal("key-1", RandomNumberGenerator.GetBytes(64));
        sealedEnvelope[index < 0 ? sealedEnvelope.Length + index : index] ^= 0x01;

        Assert.Throws<SealException>(() => _cipher.Open("key-1", sealedEnvelope));
    }

    [Fact]
    public void AnotherDataKey_DoesNotOpen()
    {
        using var other = new EnvelopeCipher(RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize));
        var sealedEnvelope = _cipher.Seal("key-1", RandomNumberGenerator.GetBytes(64));

        Assert.Throws<SealException>(() => other.Open("key-1", sealedEnvelope));
    }

    [Fact]
    public void ClearEnvelope_IsNotTakenForASealedOne()
    {
        var clear = RandomNumberGenerator.GetBytes(80);

        Assert.False(EnvelopeCipher.LooksSealed(clear));
        Assert.Throws<SealException>(() => _cipher.Open("key-1", clear));
    }

    [Fact]
    public void CheckValue_TellsDataKeysApart_AndIsNotTheKey()
    {
        var key = RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize);

        var check = EnvelopeCipher.CheckValue(key);

        Assert.Equal(check, EnvelopeCipher.CheckValue(key));
        Assert.NotEqual(check, EnvelopeCipher.CheckValue(RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize)));
        Assert.True(key.AsSpan().IndexOf(check.AsSpan(0, 8)) < 0);
    }

    public void Dispose() => _cipher.Dispose();
}
