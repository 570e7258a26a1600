using System.Buffers.Text;
using System.Text.Json;

namespace Hydra.Testing.Oidc;

/// <summary>A JWT's header and claims, decoded without checking its signature (tests read what the provider issued).</summary>
public sealed record JwtToken(JsonElement Header, JsonElement Payload)
{
    public string? KeyId => Header.TryGetProperty("kid", out var kid) ? kid.GetString() : null;

    public static JwtToken Decode(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException($"A JWS compact token has three parts, not {parts.Length}.");
        }

        return new JwtToken(Part(parts[0]), Part(parts[1]));
    }

    private static JsonElement Part(string text) => JsonDocument.Parse(Base64Url.DecodeFromChars(text)).RootElement.Clone();
}

/// <summary>A token endpoint's answer. <see cref="ToString"/> leaves the tokens out so test output never shows them.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string? Scope, string? RefreshToken)
{
    public JwtToken Jwt => JwtToken.Decode(AccessToken);

    public override string ToString() => $"TokenResponse {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn}, Scope = {Scope} }}";

    internal static TokenResponse From(JsonElement json) => new(
        json.GetProperty("access_token").GetString()!,
        json.GetProperty("token_type").GetString()!,
        json.GetProperty("expires_in").GetInt32(),
        json.TryGetProperty("scope", out var scope) ? scope.GetString() : null,
        json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null);
}
