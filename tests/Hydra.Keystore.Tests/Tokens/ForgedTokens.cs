using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hydra.Testing;
using Hydra.Testing.Oidc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hydra.Keystore.Tests.Tokens;

/// <summary>
/// Tokens an attacker could make: the claims of a real token of the provider (its real <c>iss</c>, <c>sub</c>, groups
/// and audience), signed in the test by means the nodes must refuse.
/// </summary>
public static class ForgedTokens
{
    /// <summary>Signed by a key the attacker made, named by a kid the issuer never published.</summary>
    public static string SignedByUnknownKey(TokenResponse real, string? issuer = null)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = Guid.NewGuid().ToString() };
        return Sign(Claims(real, issuer), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>Signed by the attacker's key but naming the issuer's real kid: the signature cannot verify.</summary>
    public static string SignedUnderRealKid(TokenResponse real)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = real.Jwt.KeyId };
        return Sign(Claims(real), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>The real claims with <c>alg: none</c> and an empty signature.</summary>
    public static string AlgNone(TokenResponse real)
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "at+jwt", ["kid"] = real.Jwt.KeyId };
        return $"{Encode(header.ToJsonString())}.{Encode(JsonSerializer.Serialize(Claims(real)))}.";
    }

    /// <summary>
    /// HS256 keyed with the issuer's published RSA key (its PEM text), the algorithm-confusion attack: a verifier that
    /// takes the algorithm from the token would check the "signature" with the public key as an HMAC secret.
    /// </summary>
    public static async Task<string> HmacWithPublicKeyAsync(OidcProvider provider, TokenResponse real)
    {
        var jwksUri = await OidcTokens.EndpointAsync(provider, "jwks_uri").DefaultTimeout();
        var jwks = await provider.Http.GetFromJsonAsync<JsonElement>(jwksUri).DefaultTimeout();
        var jwk = jwks.GetProperty("keys").EnumerateArray().First(k => k.GetProperty("kty").GetString() == "RSA");
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(jwk.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(jwk.GetProperty("e").GetString()),
        });
        var secret = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = jwk.GetProperty("kid").GetString() };
        return Sign(Claims(real), new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
    }

    /// <summary>A well-formed token of about <paramref name="length"/> characters (padding in a claim), signed by an unknown key.</summary>
    public static string Padded(TokenResponse real, int length)
    {
        using var rsa = RSA.Create(2048);
        var credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = Guid.NewGuid().ToString() }, SecurityAlgorithms.RsaSha256);
        var claims = Claims(real);
        claims["pad"] = "";
        var bare = Sign(claims, credentials);
        claims["pad"] = new string('a', (length - bare.Length) * 3 / 4);
        return Sign(claims, credentials);
    }

    private static Dictionary<string, object> Claims(TokenResponse real, string? issuer = null)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var claim in real.Jwt.Payload.EnumerateObject())
        {
            claims[claim.Name] = claim.Value.Clone();
        }

        claims["jti"] = "forged-" + Guid.NewGuid().ToString("N");
        if (issuer is not null)
        {
            claims["iss"] = issuer;
        }

        return claims;
    }

    private static string Sign(Dictionary<string, object> claims, SigningCredentials credentials)
    {
        var payload = JsonSerializer.Serialize(claims);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(payload, credentials, new Dictionary<string, object> { ["typ"] = "at+jwt" });
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
