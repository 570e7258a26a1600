namespace Hydra.Sharing.Tests;

public sealed class ShareTextTests
{
    [Theory]
    [InlineData("cc286c3001")]
    [InlineData("CC286C3001")]
    [InlineData("zChsMAE=")]
    [InlineData("  zChsMAE=\n")]
    public void Decode_HexOrBase64_ReturnsBytes(string text)
    {
        Assert.Equal(new byte[] { 0xcc, 0x28, 0x6c, 0x30, 0x01 }, ShareText.Decode(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a share!")]
    [InlineData("abc")]
    public void Decode_Neither_ThrowsFormat(string text)
    {
        Assert.Throws<FormatException>(() => ShareText.Decode(text));
    }

    [Theory]
    [InlineData(ShareTextEncoding.Base64, "zChsMAE=")]
    [InlineData(ShareTextEncoding.Hex, "cc286c3001")]
    public void Encode_KnownBytes_MatchesVaultStyleText(ShareTextEncoding encoding, string expected)
    {
        Assert.Equal(expected, ShareText.Encode([0xcc, 0x28, 0x6c, 0x30, 0x01], encoding));
    }
}
