using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hydra.Tokens.Tests;

/// <summary>
/// A small OpenID provider on 127.0.0.1 port 0: a real HTTP server with a discovery document and a JWKS whose keys a
/// test adds and removes, that can be taken down, and that counts JWKS fetches. Tokens are signed with keys made here.
/// </summary>
internal sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<IssuerKey> _published = [];
    private int _jwksFetches;

    private TestIssuer(WebApplication app, string issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    public string Issuer { get; }

    /// <summary>When set, both documents answer 503, as an issuer that is down behind its proxy.</summary>
    public bool Down { get; set; }

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        TestIssuer? issuer = null;
        app.MapGet("/.well-known/openid-configuration", () => issuer!.Discovery());
        app.MapGet("/jwks", () => issuer!.Jwks());
        await app.StartAsync().DefaultTimeout();
        issuer = new TestIssuer(app, app.Urls.Single().TrimEnd('/'));
        return issuer;
    }

    public IssuerKey AddRsaKey(string kid, bool publish = true)
    {
        var key = new IssuerKey(new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid }, SecurityAlgorithms.RsaSha256);
        return publish ? Publish(key) : key;
    }

    public IssuerKey AddEcKey(string kid)
    {
        var key = new IssuerKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256);
        return Publish(key);
    }

    public IssuerKey Publish(IssuerKey key)
    {
        lock (_gate)
        {
            _published.Add(key);
        }

        return key;
    }

    /// <summary>A token with the usual claims at <paramref name="now"/>, changed by <paramref name="change"/>.</summary>
    public string Sign(IssuerKey key, DateTimeOffset now, Action<Dictionary<string, object>>? change = null, string typ = "at+jwt")
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = "hydra-keystore",
            ["sub"] = "e1eb758b-b73c-4761-bfff-adc793da409c",
            ["jti"] = Guid.NewGuid().ToString(),
            ["scope"] = "openid storage.read:/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(20).ToUnixTimeSeconds(),
            ["wlcg.groups"] = new[] { "/hospital/radiology", "/research/imaging" },
        };
        change?.Invoke(claims);
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            TokenType = typ,
            SigningCredentials = new SigningCredentials(key.Key, key.Algorithm),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().DefaultTimeout();
        await _app.DisposeAsync();
    }

    private static JsonWebTokenHandler Handler { get; } = new() { SetDefaultTimesOnTokenCreation = false };

    private IResult Discovery() => Down
        ? Results.StatusCode(503)
        : Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
        });

    private IResult Jwks()
    {
        if (Down)
        {
            return Results.StatusCode(503);
        }

        Interlocked.Increment(ref _jwksFetches);
        lock (_gate)
        {
            return Results.Text(JsonSerializer.Serialize(new { keys = _published.Select(k => k.PublicJwk()).ToArray() }), "application/json");
        }
    }
}

/// <summary>An issuer's signing key: the private key for signing, its public half for the JWKS.</summary>
internal sealed record IssuerKey(AsymmetricSecurityKey Key, string Algorithm)
{
    public Dictionary<string, string> PublicJwk()
    {
        switch (Key)
        {
            case RsaSecurityKey rsa:
                var r = rsa.Rsa.ExportParameters(false);
                return new() { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = Key.KeyId, ["alg"] = Algorithm, ["n"] = Base64UrlEncoder.Encode(r.Modulus), ["e"] = Base64UrlEncoder.Encode(r.Exponent) };
            case ECDsaSecurityKey ec:
                var p = ec.ECDsa.ExportParameters(false);
                return new() { ["kty"] = "EC", ["use"] = "sig", ["kid"] = Key.KeyId, ["alg"] = Algorithm, ["crv"] = "P-256", ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y) };
            default:
                throw new NotSupportedException(Key.GetType().Name);
        }
    }

    /// <summary>The public key's bytes, what an attacker would use as an HMAC secret.</summary>
    public byte[] PublicBytes() => Key switch
    {
        RsaSecurityKey rsa => rsa.Rsa.ExportSubjectPublicKeyInfo(),
        ECDsaSecurityKey ec => ec.ECDsa.ExportSubjectPublicKeyInfo(),
        _ => throw new NotSupportedException(Key.GetType().Name),
    };
}
