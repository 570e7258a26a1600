using System.Buffers.Text;
using System.Text.Json;

namespace Hydra.Cli.Tokens;

/// <summary>What hydra checks in a token's text before sending it besides the RFC 6750 grammar (<see cref="Keystore.Contract.BearerToken.IsB64Token"/>): its length, and a JWT's <c>exp</c>.</summary>
internal static class TokenText
{
    /// <summary>
    /// Longest token text accepted. Nodes take at most 8 KiB; a file much larger than that is not a token, and reading
    /// it whole would be pointless.
    /// </summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>
    /// The <c>exp</c> of a JWT (read without checking its signature: only the nodes can judge the token; this only
    /// spares a round trip and says what to do), or null for an opaque token or one without <c>exp</c>.
    /// </summary>
    public static DateTimeOffset? ExpiresAt(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return claims.RootElement.ValueKind == JsonValueKind.Object
                && claims.RootElement.TryGetProperty("exp", out var exp)
                && exp.TryGetInt64(out var seconds)
                && seconds is > 0 and < 253402300800 // before year 10000, which DateTimeOffset cannot hold
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
