using System.Buffers;
using Hydra.Cluster.Containers;
using Hydra.Cluster.Tests.Support;
using Hydra.Testing;
using static Hydra.Cluster.Tests.Containers.ContainerTestData;

namespace Hydra.Cluster.Tests.Containers;

public sealed class ContainerRoundTripTests
{
    private const int Segment = 16;

    /// <summary>0, 1, S-1, S, S+1, 2S, 3S exactly, 3S+5, and a longer odd size.</summary>
    public static TheoryData<int, string> SizesAndDecryptors()
    {
        var data = new TheoryData<int, string>();
        foreach (var size in new[] { 0, 1, Segment - 1, Segment, Segment + 1, 2 * Segment, 3 * Segment, (3 * Segment) + 5, 1000 })
        {
            foreach (var decryptor in Decryptors)
            {
                data.Add(size, decryptor);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAndDecryptors))]
    public void WriteStream_ThenDecrypt_ReturnsPlaintext(int size, string decryptor)
    {
        // Arrange
        var plaintext = Plaintext(size);

        // Act
        var container = Encrypt(plaintext, Segment);
        var declared = Encrypt(plaintext, Segment, writeSize: 3, declaredLength: size);

        // Assert
        Assert.Equal(plaintext, Decrypt(container, decryptor));
        Assert.Equal(plaintext, Decrypt(declared, decryptor));
    }

    [Theory]
    [MemberData(nameof(SizesAndDecryptors))]
    public async Task ContainerCipherParallel_ThenDecrypt_ReturnsPlaintext(int size, string decryptor)
    {
        // Arrange
        var plaintext = Plaintext(size);
        using var output = new MemoryStream();

        // Act
        var header = await ContainerCipher.EncryptAsync(new NonSeekableStream(plaintext, 9), output, Key, Options(Segment, parallelism: 3), CancellationToken.None)
            .DefaultTimeout();

        // Assert
        Assert.Equal(Id, header.KeyId);
        Assert.Equal(plaintext, Decrypt(output.ToArray(), decryptor));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(16, 1)]
    [InlineData(100, 3)]
    public async Task ContainerCipher_Layout_IsHeaderThenSegmentsOfSegmentPlusTag(int size, int parallelism)
    {
        // Arrange
        using var output = new MemoryStream();

        // Act
        var header = await ContainerCipher.EncryptAsync(new MemoryStream(Plaintext(size)), output, Key, Options(Segment, size, parallelism), CancellationToken.None)
            .DefaultTimeout();

        // Assert: header region, then ceil(size / S) segments (at least one), each with a 16-byte tag.
        var segments = Math.Max(1, (size + Segment - 1) / Segment);
        Assert.Equal(header.Length + size + (16 * segments), output.Length);
        Assert.Equal(header.Length + (2 * (Segment + 16)), header.SegmentOffset(2));
        Assert.Equal(97 + Id.Value.Length, header.Length);
    }

    [Fact]
    public void WriteStream_AbandonedMidSegment_WipesItsPlaintext_AndTheNextContainerIsUnaffected()
    {
        // Arrange: a stream disposed with half a segment of plaintext not yet sealed.
        var abandoned = Plaintext(Segment / 2);
        using (var writer = new ContainerWriteStream(Stream.Null, Key, Options(Segment)))
        {
            writer.Write(abandoned);
        }

        // Act: the segment buffer goes back to the shared pool; this thread's next rent of that size gets it back.
        var reused = ArrayPool<byte>.Shared.Rent(Segment + ContainerFormat.TagLength);
        var unsealed = reused.AsSpan(0, abandoned.Length).ToArray();
        ArrayPool<byte>.Shared.Return(reused);
        var next = Plaintext(3);
        var container = Encrypt(next, Segment);

        // Assert
        Assert.NotEqual(abandoned, unsealed);
        Assert.Equal(next, Decrypt(container, "sequential"));
    }

    [Fact]
    public async Task WriteStreamAsync_ThenReadStreamAsync_ReturnsPlaintext()
    {
        // Arrange
        var plaintext = Plaintext(200);
        using var output = new MemoryStream();

        // Act
        await using (var writer = new ContainerWriteStream(output, Key, Options(32), leaveOpen: true))
        {
            await writer.WriteAsync(plaintext.AsMemory(0, 50));
            await writer.WriteAsync(plaintext.AsMemory(50));
            await writer.CompleteAsync(CancellationToken.None).AsTask().DefaultTimeout();
        }

        output.Position = 0;
        await using var reader = await ContainerReadStream.OpenAsync(output, Key, leaveOpen: false, CancellationToken.None).DefaultTimeout();
        using var result = new MemoryStream();
        await reader.CopyToAsync(result).DefaultTimeout();

        // Assert
        Assert.Equal(plaintext, result.ToArray());
    }

    [Fact]
    public async Task HeaderReadAsync_WithoutKey_ReturnsPublicFields()
    {
        // Arrange
        var container = Encrypt(Plaintext(10), 64, declaredLength: 10);

        // Act
        var header = await ContainerHeader.ReadAsync(new MemoryStream(container), CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal((1, Id, 64, 2, 3, (long?)10), (header.Version, header.KeyId, header.SegmentSize, header.Threshold, header.ShareCount, header.PlaintextLength));
    }

    [Fact]
    public void TryRead_PartialHeader_AsksForMoreThenParses()
    {
        var container = Encrypt(Plaintext(10), 64);
        var length = 97 + Id.Value.Length;

        Assert.False(ContainerHeader.TryRead(container.AsSpan(0, 5), out _));
        Assert.False(ContainerHeader.TryRead(container.AsSpan(0, length - 1), out _));
        Assert.True(ContainerHeader.TryRead(container, out var header));
        Assert.Equal(length, header!.Length);
    }

    [Fact]
    public void ReadStream_OverUnknownLengthSeekableContainer_ReportsLengthAfterVerifyingFinalSegment()
    {
        var plaintext = Plaintext(45);
        using var reader = ContainerReadStream.Open(new MemoryStream(Encrypt(plaintext, Segment)), Key);

        Assert.Null(reader.Header.PlaintextLength);
        Assert.Equal(45, reader.Length);
        Assert.Equal(0, reader.Position);
        reader.Seek(-5, SeekOrigin.End);
        var tail = new byte[10];
        Assert.Equal(5, reader.Read(tail));
        Assert.Equal(plaintext[^5..], tail[..5]);
    }

    [Fact]
    public void WriteStream_DeclaredLengthExceeded_ThrowsBeforeWriting()
    {
        using var writer = new ContainerWriteStream(new MemoryStream(), Key, Options(Segment, length: 10));
        writer.Write(new byte[6]);
        Assert.Throws<InvalidOperationException>(() => writer.Write(new byte[5]));
    }

    [Fact]
    public void WriteStream_CompleteShortOfDeclaredLength_Throws()
    {
        using var writer = new ContainerWriteStream(new MemoryStream(), Key, Options(Segment, length: 10));
        writer.Write(new byte[9]);
        Assert.Throws<InvalidOperationException>(writer.Complete);
    }

    [Fact]
    public async Task ContainerCipher_InputLongerThanDeclared_ThrowsBeforeFinalSegment()
    {
        using var output = new MemoryStream();
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => ContainerCipher.EncryptAsync(new MemoryStream(new byte[40]), output, Key, Options(Segment, length: 39, parallelism: 2), CancellationToken.None))
            .DefaultTimeout();
    }

    [Fact]
    public void WriteStream_AfterComplete_RefusesWrites()
    {
        using var writer = new ContainerWriteStream(new MemoryStream(), Key, Options(Segment));
        writer.Complete();
        Assert.Throws<InvalidOperationException>(() => writer.Write([1]));
        Assert.False(writer.CanWrite);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(64 * 1024 * 1024 + 1)]
    public void Options_SegmentSizeOutOfRange_ThrowsArgument(int segmentSize)
    {
        var error = Assert.Throws<ArgumentException>(() => new ContainerWriteStream(new MemoryStream(), Key, Options(segmentSize)));
        Assert.Contains("SegmentSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteStream_KeyNot32Bytes_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => new ContainerWriteStream(new MemoryStream(), new byte[16], Options(Segment)));
    }

    [Fact]
    public void Options_MissingKeyId_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => new ContainerWriteStream(new MemoryStream(), Key, new ContainerOptions()));
    }
}
