using Hydra.Cluster.Containers;
using Hydra.Testing;
using static Hydra.Cluster.Tests.Containers.ContainerTestData;

namespace Hydra.Cluster.Tests.Containers;

public sealed class ContainerTamperTests
{
    private const int Segment = 16;
    private static readonly byte[] Original = Plaintext(40); // three segments: 16, 16, 8
    private static readonly byte[] Container = Encrypt(Original, Segment);
    private static readonly int HeaderLength = 97 + Id.Value.Length;

    public static TheoryData<string> AllDecryptors() => [.. Decryptors];

    [Theory]
    [MemberData(nameof(AllDecryptors))]
    public void Decrypt_EverySingleBitFlip_IsRejectedAndReleasesOnlyVerifiedSegments(string decryptor)
    {
        for (var bit = 0; bit < Container.Length * 8; bit++)
        {
            // Arrange
            var tampered = (byte[])Container.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var released = new MemoryStream();

            // Act
            var error = Assert.Throws<ContainerException>(() => Decrypt(tampered, decryptor, released: released));

            // Assert: header flips stop before any plaintext; a flip in segment i releases at most the segments before i.
            var offset = bit / 8;
            if (offset < HeaderLength)
            {
                Assert.Contains(error.Reason, HeaderReasons);
                Assert.Equal(0, released.Length);
            }
            else
            {
                var segment = (offset - HeaderLength) / (Segment + 16);
                Assert.Equal(ContainerErrorReason.SegmentTampered, error.Reason);
                Assert.Equal(segment, error.SegmentIndex);
                // Streaming paths release exactly the verified segments before the bad one; seekable paths that verify
                // the final segment first (to learn the length) may release fewer, never unverified bytes.
                var output = released.ToArray();
                var seekable = decryptor is "seekable" or "copyto-async";
                Assert.True(seekable ? output.Length <= segment * Segment : output.Length == segment * Segment, $"{output.Length} bytes released");
                Assert.Equal(Original[..output.Length], output);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllDecryptors))]
    public void Decrypt_TruncatedAtEverySegmentBoundary_IsRejectedAsTruncated(string decryptor)
    {
        foreach (var segments in new[] { 0, 1, 2 })
        {
            var cut = Container[..(HeaderLength + (segments * (Segment + 16)))];

            var error = Assert.Throws<ContainerException>(() => Decrypt(cut, decryptor));

            Assert.Equal(ContainerErrorReason.Truncated, error.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(AllDecryptors))]
    public void Decrypt_TruncatedAtEveryByte_IsRejected(string decryptor)
    {
        for (var length = 0; length < Container.Length; length++)
        {
            Assert.Throws<ContainerException>(() => Decrypt(Container[..length], decryptor));
        }
    }

    [Theory]
    [MemberData(nameof(AllDecryptors))]
    public void Decrypt_FinalSegmentRepeated_IsRejected(string decryptor)
    {
        // Appending a copy of the final segment makes the real final segment a middle one: its flag no longer fits.
        var lastStart = HeaderLength + (2 * (Segment + 16));
        byte[] extended = [.. Container, .. Container[lastStart..]];

        var error = Assert.Throws<ContainerException>(() => Decrypt(extended, decryptor));

        Assert.Equal(ContainerErrorReason.SegmentTampered, error.Reason);
    }

    [Theory]
    [MemberData(nameof(AllDecryptors))]
    public void Decrypt_SegmentSplicedFromAnotherContainerWithSameKey_IsRejected(string decryptor)
    {
        // Arrange: same key, same size and segmenting, but a fresh salt and nonce prefix.
        var other = Encrypt(Original, Segment);
        var spliced = (byte[])Container.Clone();
        var start = HeaderLength + Segment + 16;
        Array.Copy(other, start, spliced, start, Segment + 16);

        // Act
        var error = Assert.Throws<ContainerException>(() => Decrypt(spliced, decryptor));

        // Assert
        Assert.Equal((ContainerErrorReason.SegmentTampered, (long?)1), (error.Reason, error.SegmentIndex));
    }

    [Theory]
    [MemberData(nameof(AllDecryptors))]
    public void Decrypt_ExtendedWithSegmentsOfAnotherContainer_IsRejected(string decryptor)
    {
        var other = Encrypt(Plaintext(100), Segment);
        byte[] extended = [.. Container[..(HeaderLength + (2 * (Segment + 16)))], .. other[(HeaderLength + (2 * (Segment + 16)))..]];

        Assert.Throws<ContainerException>(() => Decrypt(extended, decryptor));
    }

    [Theory]
    [MemberData(nameof(AllDecryptors))]
    public void Decrypt_FirstTwoSegmentsSwapped_IsRejectedAtSegmentZero(string decryptor)
    {
        var swapped = (byte[])Container.Clone();
        Array.Copy(Container, HeaderLength + Segment + 16, swapped, HeaderLength, Segment + 16);
        Array.Copy(Container, HeaderLength, swapped, HeaderLength + Segment + 16, Segment + 16);

        var error = Assert.Throws<ContainerException>(() => Decrypt(swapped, decryptor));

        Assert.Equal((ContainerErrorReason.SegmentTampered, (long?)0), (error.Reason, error.SegmentIndex));
    }

    [Theory]
    [MemberData(nameof(AllDecryptors))]
    public void Decrypt_WrongKey_IsRejectedByCommitmentBeforeAnyPlaintext(string decryptor)
    {
        var wrongKey = (byte[])Key.Clone();
        wrongKey[0] ^= 1;
        var released = new MemoryStream();

        var error = Assert.Throws<ContainerException>(() => Decrypt(Container, decryptor, wrongKey, released));

        Assert.Equal(ContainerErrorReason.WrongKey, error.Reason);
        Assert.Contains("img-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, released.Length);
    }

    [Fact]
    public async Task OpenAsync_WrongKey_ThrowsBeforeReadingSegments()
    {
        var input = new MemoryStream(Container);

        var error = await Assert.ThrowsAsync<ContainerException>(
            () => ContainerReadStream.OpenAsync(input, new byte[32], leaveOpen: true, CancellationToken.None)).DefaultTimeout();

        Assert.Equal(ContainerErrorReason.WrongKey, error.Reason);
        Assert.Equal(HeaderLength, input.Position);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, ContainerErrorReason.BadMagic)]
    [InlineData(new byte[] { 0x89, (byte)'H', (byte)'Y' }, ContainerErrorReason.Truncated)]
    [InlineData(new byte[0], ContainerErrorReason.Truncated)]
    public void Open_ShortInput_NamesTheProblem(byte[] data, ContainerErrorReason expected)
    {
        var error = Assert.Throws<ContainerException>(() => ContainerReadStream.Open(new MemoryStream(data), Key));
        Assert.Equal(expected, error.Reason);
    }

    [Theory]
    [InlineData(8, 2, ContainerErrorReason.UnsupportedVersion, "version 2")]
    [InlineData(9, 7, ContainerErrorReason.UnsupportedAlgorithm, "algorithm 7")]
    [InlineData(10, 0x80, ContainerErrorReason.MalformedHeader, "'flags'")]
    [InlineData(11, 0, ContainerErrorReason.MalformedHeader, "'key id length'")]
    [InlineData(12, 0xFF, ContainerErrorReason.MalformedHeader, "'segment size'")]
    [InlineData(16, 1, ContainerErrorReason.MalformedHeader, "'threshold'")]
    [InlineData(65, (int)'/', ContainerErrorReason.MalformedHeader, "'key id'")]
    public void Open_BadHeaderField_NamesIt(int offset, int value, ContainerErrorReason expected, string field)
    {
        var tampered = (byte[])Container.Clone();
        tampered[offset] = (byte)value;

        var error = Assert.Throws<ContainerException>(() => ContainerReadStream.Open(new MemoryStream(tampered), Key));

        Assert.Equal(expected, error.Reason);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteStream_DisposedWithoutComplete_LeavesAContainerReadersRejectAsTruncated()
    {
        // Arrange: a copy that fails half-way must not look like a whole (shorter) file.
        using var output = new MemoryStream();
        using (var writer = new ContainerWriteStream(output, Key, Options(Segment), leaveOpen: true))
        {
            writer.Write(Plaintext(40));
        }

        // Act
        var error = Assert.Throws<ContainerException>(() => Decrypt(output.ToArray(), "sequential"));

        // Assert
        Assert.Equal(ContainerErrorReason.Truncated, error.Reason);
    }

    [Fact]
    public void Decrypt_DeclaredLengthAndTruncated_SeekableReaderRefusesAtOpen()
    {
        var container = Encrypt(Original, Segment, declaredLength: Original.Length);

        var error = Assert.Throws<ContainerException>(() => ContainerReadStream.Open(new MemoryStream(container[..^8]), Key));

        Assert.Equal(ContainerErrorReason.LengthMismatch, error.Reason);
    }

    private static readonly ContainerErrorReason[] HeaderReasons =
    [
        ContainerErrorReason.BadMagic,
        ContainerErrorReason.UnsupportedVersion,
        ContainerErrorReason.UnsupportedAlgorithm,
        ContainerErrorReason.MalformedHeader,
        ContainerErrorReason.WrongKey,
        ContainerErrorReason.Truncated,
        ContainerErrorReason.LengthMismatch,
    ];
}
