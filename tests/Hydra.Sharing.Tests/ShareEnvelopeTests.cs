using Hydra.Keystore.Contract;
using Hydra.Sharing.Tests.Support;

namespace Hydra.Sharing.Tests;

public sealed class ShareEnvelopeTests
{
    private static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    private static ShareEnvelope Sample() =>
        KeySplitter.Split(KeyId.Parse("ks:v1:image-42"), Key, 3, 2, DeterministicRandom.FromSeed(3))[0];

    [Fact]
    public void ToBytes_ThenParse_ReturnsEqualEnvelope()
    {
        // Arrange
        var envelope = Sample();

        // Act
        var parsed = ShareEnvelope.Parse(envelope.ToBytes());

        // Assert
        Assert.Equal(envelope, parsed);
        Assert.Equal(1, parsed.Version);
        Assert.Equal("ks:v1:image-42", parsed.KeyId.Value);
        Assert.Equal((2, 3), (parsed.Threshold, parsed.ShareCount));
        Assert.Equal(envelope.Y.ToArray(), parsed.Y.ToArray());
        Assert.Equal(envelope.Tag.ToArray(), parsed.Tag.ToArray());
    }

    [Fact]
    public void ToBytes_Layout_MatchesFormatDocument()
    {
        // Arrange
        var bytes = Sample().ToBytes();
        var keyIdLength = "ks:v1:image-42".Length;

        // Assert: magic, version, key id, split id, M, N, x, y length, y, tag (keystore/Hydra.Sharing/FORMAT.md).
        Assert.Equal("HYSE"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, bytes[4]);
        Assert.Equal(keyIdLength, bytes[5]);
        Assert.Equal("ks:v1:image-42"u8.ToArray(), bytes[6..(6 + keyIdLength)]);
        var afterSplit = 6 + keyIdLength + 16;
        Assert.Equal([2, 3], bytes[afterSplit..(afterSplit + 2)]);
        Assert.Equal([0, 32], bytes[(afterSplit + 3)..(afterSplit + 5)]);
        Assert.Equal(afterSplit + 5 + 32 + 32, bytes.Length);
    }

    [Fact]
    public void Parse_EveryTruncation_ThrowsMalformed()
    {
        var bytes = Sample().ToBytes();
        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<ShareException>(() => ShareEnvelope.Parse(bytes.AsSpan(0, length)));
            Assert.Equal(ShareErrorReason.Malformed, error.Reason);
        }
    }

    [Fact]
    public void Parse_TrailingByte_ThrowsMalformed()
    {
        byte[] bytes = [.. Sample().ToBytes(), 0];
        var error = Assert.Throws<ShareException>(() => ShareEnvelope.Parse(bytes));
        Assert.Contains("fields make", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0x00, "magic")]
    [InlineData(4, 0x02, "version 2")]
    [InlineData(5, 0x00, "key id length")]
    [InlineData(5, 0x81, "key id length")]
    [InlineData(6, (int)'/', "key id")]
    public void Parse_BadField_ThrowsNamingIt(int offset, int value, string expected)
    {
        // Arrange
        var bytes = Sample().ToBytes();
        bytes[offset] = (byte)value;

        // Act
        var error = Assert.Throws<ShareException>(() => ShareEnvelope.Parse(bytes));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, 3, "threshold")]  // M = 1
    [InlineData(0, 4, 3, "threshold")]  // M > N
    [InlineData(2, 0, 0, "'x'")]        // x = 0
    public void Parse_BadSplitParameters_Throws(int fieldOffset, int first, int second, string expected)
    {
        // Arrange: fieldOffset 0 rewrites (M, N); 2 rewrites x.
        var bytes = Sample().ToBytes();
        var parametersOffset = 6 + "ks:v1:image-42".Length + 16;
        bytes[parametersOffset + fieldOffset] = (byte)first;
        if (fieldOffset == 0)
        {
            bytes[parametersOffset + 1] = (byte)second;
        }

        // Act
        var error = Assert.Throws<ShareException>(() => ShareEnvelope.Parse(bytes));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YLengthTooLarge_ThrowsBeforeReading()
    {
        var bytes = Sample().ToBytes();
        var yLengthOffset = 6 + "ks:v1:image-42".Length + 16 + 3;
        bytes[yLengthOffset] = 0xFF;
        var error = Assert.Throws<ShareException>(() => ShareEnvelope.Parse(bytes));
        Assert.Contains("'y length' is 65312", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_OmitsYAndTag()
    {
        var envelope = Sample();
        var text = envelope.ToString();
        Assert.Contains("ks:v1:image-42", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(envelope.Y.Span), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexString(envelope.Tag.Span), text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Constructor_DefaultKeyId_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => new ShareEnvelope(default, new byte[16], 2, 3, 1, [1], new byte[32]));
    }
}
