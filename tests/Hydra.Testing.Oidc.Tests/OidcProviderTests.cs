using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hydra.Testing.Oidc;

namespace Hydra.Testing.Oidc.Tests;

/// <summary>The real provider serves what issue 19's bearer-token support relies on (WLCG JWT profile access tokens).</summary>
public sealed class OidcProviderTests
{
    private const string Resource = "https://keystore.hydra.test";

    [Fact]
    public async Task Discovery_ServesIssuerEndpointsAndJwks()
    {
        // Arrange
        await using var provider = await OidcProvider.StartAsync().DefaultTimeout();

        // Act
        var discovery = await provider.Http.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration").DefaultTimeout();
        var jwks = await provider.Http.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString()).DefaultTimeout();

        // Assert
        Assert.Equal(provider.IssuerText, discovery.GetProperty("issuer").GetString());
        Assert.StartsWith(provider.IssuerText, discovery.GetProperty("device_authorization_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.Contains(keys, key => key.GetProperty("kty").GetString() == "RSA" && key.GetProperty("alg").GetString() == "RS256");
        Assert.Contains(keys, key => key.GetProperty("kty").GetString() == "EC" && key.GetProperty("alg").GetString() == "ES256");
        Assert.All(keys, key => Assert.False(key.TryGetProperty("d", out _), "the JWKS must publish public keys only"));
    }

    [Fact]
    public async Task ClientCredentials_IssuesWlcgJwtForTheResource()
    {
        // Arrange
        await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions { AccessTokenTtl = TimeSpan.FromSeconds(90) }).DefaultTimeout();

        // Act
        var token = await provider.ClientCredentialsAsync(Resource, "compute.create").DefaultTimeout();

        // Assert
        var jwt = token.Jwt;
        Assert.Equal("at+jwt", jwt.Header.GetProperty("typ").GetString());
        Assert.Equal("RS256", jwt.Header.GetProperty("alg").GetString());
        Assert.Equal(Resource, jwt.Payload.GetProperty("aud").GetString());
        Assert.Equal(provider.IssuerText, jwt.Payload.GetProperty("iss").GetString());
        Assert.Equal(OidcClients.ServiceId, jwt.Payload.GetProperty("sub").GetString());
        Assert.Equal("1.0", jwt.Payload.GetProperty("wlcg.ver").GetString());
        Assert.Equal("compute.create", jwt.Payload.GetProperty("scope").GetString());
        Assert.False(string.IsNullOrEmpty(jwt.Payload.GetProperty("jti").GetString()));
        Assert.Equal(90, jwt.Payload.GetProperty("exp").GetInt64() - jwt.Payload.GetProperty("iat").GetInt64());
        Assert.Equal(90, token.ExpiresIn);
    }

    [Fact]
    public async Task ClientCredentials_EachTokenHasItsOwnJti()
    {
        await using var provider = await OidcProvider.StartAsync().DefaultTimeout();

        var first = await provider.ClientCredentialsAsync(Resource, "compute.create").DefaultTimeout();
        var second = await provider.ClientCredentialsAsync(Resource, "compute.create").DefaultTimeout();

        Assert.NotEqual(first.Jwt.Payload.GetProperty("jti").GetString(), second.Jwt.Payload.GetProperty("jti").GetString());
    }

    [Fact]
    public async Task SigningAlgorithmEs256_TokensSignedWithTheEcKey()
    {
        await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions { SigningAlgorithm = "ES256" }).DefaultTimeout();

        var token = await provider.ClientCredentialsAsync(Resource, "compute.create").DefaultTimeout();

        Assert.Equal("ES256", token.Jwt.Header.GetProperty("alg").GetString());
    }

    [Fact]
    public async Task DeviceFlow_TokenCarriesTheUsersGroupsAndExtraClaims()
    {
        // Arrange
        var nurse = new OidcAccount("bob", ["/hospital/radiology", "/hospital/oncology"], new Dictionary<string, object> { ["patient"] = "P-0042" });
        await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions { Accounts = [nurse] }).DefaultTimeout();

        // Act
        var token = await provider.DeviceFlowAsync("bob", Resource, "openid storage.read:/").DefaultTimeout();

        // Assert
        var claims = token.Jwt.Payload;
        Assert.Equal("at+jwt", token.Jwt.Header.GetProperty("typ").GetString());
        Assert.Equal("bob", claims.GetProperty("sub").GetString());
        Assert.Equal(OidcClients.DeviceId, claims.GetProperty("client_id").GetString());
        Assert.Equal(Resource, claims.GetProperty("aud").GetString());
        Assert.Equal(nurse.Groups, claims.GetProperty("wlcg.groups").EnumerateArray().Select(g => g.GetString()!));
        Assert.Equal("P-0042", claims.GetProperty("patient").GetString());
        Assert.Contains("storage.read:/", claims.GetProperty("scope").GetString()!.Split(' '));
    }

    [Fact]
    public async Task AuthorizationCodeWithPkce_TokenCarriesTheUsersGroups()
    {
        await using var provider = await OidcProvider.StartAsync().DefaultTimeout();

        var token = await provider.AuthorizationCodeAsync(OidcProviderOptions.Radiologist.Id, Resource, "openid storage.read:/").DefaultTimeout();

        var claims = token.Jwt.Payload;
        Assert.Equal(OidcProviderOptions.Radiologist.Id, claims.GetProperty("sub").GetString());
        Assert.Equal(OidcClients.WebId, claims.GetProperty("client_id").GetString());
        Assert.Equal(["/hospital/radiology"], claims.GetProperty("wlcg.groups").EnumerateArray().Select(g => g.GetString()!));
    }

    [Fact]
    public async Task RotateKeys_NewTokensUseANewKidAndTheOldKeyStaysPublished()
    {
        // Arrange
        await using var provider = await OidcProvider.StartAsync().DefaultTimeout();
        var before = await provider.ClientCredentialsAsync(Resource, "compute.create").DefaultTimeout();

        // Act
        var kid = await provider.RotateKeysAsync().DefaultTimeout();
        var after = await provider.ClientCredentialsAsync(Resource, "compute.create").DefaultTimeout();

        // Assert
        Assert.NotEqual(before.Jwt.KeyId, after.Jwt.KeyId);
        Assert.Equal(kid, after.Jwt.KeyId);
        var jwks = await provider.Http.GetFromJsonAsync<JsonElement>(await OidcTokens.EndpointAsync(provider, "jwks_uri")).DefaultTimeout();
        var published = jwks.GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()).ToList();
        Assert.Contains(before.Jwt.KeyId, published);
        Assert.Contains(after.Jwt.KeyId, published);
    }

    [Theory]
    [InlineData(OidcOutage.Refuse)]
    [InlineData(OidcOutage.Hang)]
    public async Task Outage_ProviderStopsAnsweringUntilItEnds(OidcOutage outage)
    {
        // Arrange
        await using var provider = await OidcProvider.StartAsync().DefaultTimeout();
        using var client = new HttpClient { BaseAddress = provider.Issuer, Timeout = TimeSpan.FromSeconds(2) };

        // Act
        await provider.SetOutageAsync(outage).DefaultTimeout();
        var failure = await Record.ExceptionAsync(() => client.GetAsync(".well-known/openid-configuration").DefaultTimeout());
        await provider.SetOutageAsync(OidcOutage.None).DefaultTimeout();
        using var recovered = await client.GetAsync(".well-known/openid-configuration").DefaultTimeout();

        // Assert: a hang ends in the client's own timeout, a refusal in a connection error.
        Assert.True(outage == OidcOutage.Hang ? failure is TaskCanceledException : failure is HttpRequestException, $"{outage}: {failure}");
        Assert.True(recovered.IsSuccessStatusCode);
    }

    [Fact]
    public async Task ApproveDevice_WrongUserCode_Fails()
    {
        await using var provider = await OidcProvider.StartAsync().DefaultTimeout();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.ApproveDeviceAsync(
            new Uri(provider.Issuer, "/device"), "BCDF-GHJK", OidcProviderOptions.Radiologist.Id)).DefaultTimeout();

        Assert.Contains("incorrect", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task AccessToken_VerifiesWithItsPublishedKey_BeforeAndAfterRotation(string algorithm)
    {
        // Arrange
        await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions { SigningAlgorithm = algorithm }).DefaultTimeout();
        var before = await provider.ClientCredentialsAsync(Resource, "compute.create").DefaultTimeout();

        // Act
        await provider.RotateKeysAsync().DefaultTimeout();
        var after = await provider.ClientCredentialsAsync(Resource, "compute.create").DefaultTimeout();
        var jwks = await provider.Http.GetFromJsonAsync<JsonElement>(await OidcTokens.EndpointAsync(provider, "jwks_uri")).DefaultTimeout();

        // Assert: both verify with the key their kid names; a token whose claims were edited does not.
        Assert.True(Verifies(before.AccessToken, jwks));
        Assert.True(Verifies(after.AccessToken, jwks));
        var parts = after.AccessToken.Split('.');
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("compute.create", "storage.create:/", StringComparison.Ordinal)));
        Assert.False(Verifies($"{parts[0]}.{forged}.{parts[2]}", jwks));
    }

    /// <summary>Checks a JWS against the JWKS key its header names, with the platform's RSA and ECDSA only.</summary>
    private static bool Verifies(string token, JsonElement jwks)
    {
        var jwt = JwtToken.Decode(token);
        var key = jwks.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == jwt.KeyId);
        var dot = token.LastIndexOf('.');
        var signed = Encoding.ASCII.GetBytes(token[..dot]);
        var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        byte[] Field(string name) => Base64Url.DecodeFromChars(key.GetProperty(name).GetString());
        if (key.GetProperty("kty").GetString() == "RSA")
        {
            using var rsa = RSA.Create(new RSAParameters { Modulus = Field("n"), Exponent = Field("e") });
            return rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = Field("x"), Y = Field("y") } });
        return ecdsa.VerifyData(signed, signature, HashAlgorithmName.SHA256);
    }
}
