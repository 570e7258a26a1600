namespace Hydra.Keystore.Contract.Tests;

public sealed class KeyIdTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("ks:v1:1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("Image_7.v2")]
    public void Parse_ValidText_KeepsItExactly(string text)
    {
        Assert.Equal(text, KeyId.Parse(text).Value);
        Assert.True(KeyId.TryParse(text, out var parsed));
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/no")]
    [InlineData("é")]
    public void Parse_InvalidText_ThrowsFormat(string text)
    {
        Assert.Throws<FormatException>(() => KeyId.Parse(text));
        Assert.False(KeyId.TryParse(text, out _));
    }

    [Fact]
    public void Parse_129Characters_ThrowsFormatNamingLength()
    {
        var error = Assert.Throws<FormatException>(() => KeyId.Parse(new string('a', 129)));
        Assert.Contains("length 129", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_IsCaseSensitive()
    {
        Assert.NotEqual(KeyId.Parse("abc"), KeyId.Parse("ABC"));
        Assert.Equal(KeyId.Parse("abc"), KeyId.Parse("abc"));
    }

    [Fact]
    public void New_IsAUuidAndUnique()
    {
        var first = KeyId.New();
        Assert.True(Guid.TryParseExact(first.Value, "D", out _));
        Assert.NotEqual(first, KeyId.New());
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(KeyId.TryParse(null, out var keyId));
        Assert.Equal(string.Empty, keyId.Value);
    }
}
