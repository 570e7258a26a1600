using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hydra.Cluster.Containers;
using static Hydra.Cluster.Tests.Containers.ContainerTestData;

namespace Hydra.Cluster.Tests.Containers;

public sealed class ContainerRandomAccessTests
{
    [Property(MaxTest = 200)]
    public Property Read_AtAnyOffsetAndCount_EqualsSliceOfPlaintext(byte length, byte segmentExtra, ushort offsetSeed, byte countSeed)
    {
        // Arrange: plaintext 0..255 bytes, segments 16..31 bytes, any range including ones past the end.
        var plaintext = Plaintext(length);
        var segmentSize = 16 + (segmentExtra % 16);
        var container = Encrypt(plaintext, segmentSize, writeSize: 5);
        var offset = offsetSeed % (length + 8);
        var count = countSeed % 64;

        // Act
        using var reader = ContainerReadStream.Open(new MemoryStream(container), Key);
        reader.Position = offset;
        var buffer = new byte[count];
        var read = reader.ReadAtLeast(buffer, count, throwOnEndOfStream: false);

        // Assert
        var expected = plaintext.Skip(offset).Take(count).ToArray();
        return (read == expected.Length && buffer.AsSpan(0, read).SequenceEqual(expected))
            .Label($"length {length}, segment {segmentSize}, offset {offset}, count {count}, read {read}");
    }

    [Fact]
    public void Read_BackwardsSegmentBySegment_EqualsPlaintext()
    {
        // Arrange
        var plaintext = Plaintext(100);
        using var reader = ContainerReadStream.Open(new MemoryStream(Encrypt(plaintext, 16)), Key);
        var result = new byte[100];

        // Act: read 10-byte pieces from the end towards the start.
        for (var start = 90; start >= 0; start -= 10)
        {
            reader.Seek(start, SeekOrigin.Begin);
            reader.ReadExactly(result.AsSpan(start, 10));
        }

        // Assert
        Assert.Equal(plaintext, result);
        Assert.True(reader.CanSeek);
        Assert.Equal(100, reader.Length);
    }

    [Fact]
    public void Read_TamperedSegmentFarFromReadRange_DoesNotAffectRandomAccessToOtherSegments()
    {
        // Arrange: segment 5 of 7 is altered; ranges in other segments still read, the altered one fails.
        var plaintext = Plaintext(100);
        var container = Encrypt(plaintext, 16);
        var headerLength = 97 + Id.Value.Length;
        container[headerLength + (5 * 32) + 3] ^= 1;
        using var reader = ContainerReadStream.Open(new MemoryStream(container), Key);

        // Act
        reader.Position = 20;
        var piece = new byte[10];
        reader.ReadExactly(piece);
        reader.Position = 85;

        // Assert
        Assert.Equal(plaintext[20..30], piece);
        var error = Assert.Throws<ContainerException>(() => reader.ReadExactly(new byte[2]));
        Assert.Equal(5, error.SegmentIndex);
    }

    [Fact]
    public void Position_OnNonSeekableInput_CannotBeSet()
    {
        using var reader = ContainerReadStream.Open(new Support.NonSeekableStream(Encrypt(Plaintext(10), 16)), Key);
        Assert.False(reader.CanSeek);
        Assert.Throws<NotSupportedException>(() => reader.Position = 3);
    }
}
