namespace Hydra.Sharing;

/// <summary>Text forms of share bytes: base64 or hex, told apart by their characters.</summary>
public static class ShareText
{
    /// <summary>Encodes <paramref name="bytes"/>.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, ShareTextEncoding encoding) => encoding switch
    {
        ShareTextEncoding.Base64 => Convert.ToBase64String(bytes),
        ShareTextEncoding.Hex => Convert.ToHexStringLower(bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    /// <summary>
    /// Decodes hex (an even number of hex digits) or else base64, the way Vault accepts unseal keys. A base64 text made
    /// only of hex digits is read as hex: each base64 character is a hex digit with probability 22/64, so for the 44
    /// characters of a 33-byte share that coincidence has probability (22/64)^44, below 2^-67.
    /// </summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length > 0 && trimmed.Length % 2 == 0 && !trimmed.AsSpan().ContainsAnyExcept(HexDigits))
        {
            return Convert.FromHexString(trimmed);
        }

        var buffer = new byte[trimmed.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(trimmed, buffer, out var written) || written == 0)
        {
            throw new FormatException("The share is neither hex nor base64 text.");
        }

        return buffer[..written];
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
