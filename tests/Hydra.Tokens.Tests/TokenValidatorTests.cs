using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hydra.Tokens.Tests;

public sealed class TokenValidatorTests : TokenTestBase
{
    [Fact]
    public async Task ValidToken_GivesIssuerSubjectTrustedGroupsScopesAndExpiry()
    {
        // Arrange
        var validator = Validator();
        var token = Token(c => c["jti"] = "token-1");

        // Act
        var identity = await validator.ValidateAsync(token, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(Issuer.Issuer, identity.Subject.Issuer);
        Assert.Equal("e1eb758b-b73c-4761-bfff-adc793da409c", identity.Subject.Subject);
        Assert.Equal($"oidc:{Issuer.Issuer}#e1eb758b-b73c-4761-bfff-adc793da409c", identity.Principal);
        Assert.Equal(["/hospital/radiology"], identity.Groups.Select(g => g.ToString()));
        Assert.Equal(["/research/imaging"], identity.DroppedGroups);
        Assert.Equal(["openid", "storage.read:/"], identity.Scopes);
        Assert.Equal("token-1", identity.TokenId);
        Assert.Equal(Time.GetUtcNow().AddMinutes(20), identity.Expires);
    }

    [Fact]
    public async Task EcdsaKey_IsAccepted()
    {
        var ec = Issuer.AddEcKey("ec-1");

        var identity = await Validator().ValidateAsync(Issuer.Sign(ec, Time.GetUtcNow()), CancellationToken.None).DefaultTimeout();

        Assert.Equal("e1eb758b-b73c-4761-bfff-adc793da409c", identity.Subject.Subject);
    }

    [Fact]
    public async Task Expired_BeyondLeeway_IsRefused_WithinLeeway_IsAccepted()
    {
        var validator = Validator();
        var token = Token();

        Time.Advance(TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(59));
        await validator.ValidateAsync(token, CancellationToken.None).DefaultTimeout();
        Time.Advance(TimeSpan.FromSeconds(1));
        await RefusedAsync(validator, token, TokenRefusal.Expired);
    }

    [Fact]
    public async Task NotBeforeInTheFuture_BeyondLeeway_IsNotYetValid()
    {
        var validator = Validator();
        var now = Time.GetUtcNow();

        await validator.ValidateAsync(Token(c => c["nbf"] = now.AddSeconds(60).ToUnixTimeSeconds()), CancellationToken.None).DefaultTimeout();
        await RefusedAsync(validator, Token(c => c["nbf"] = now.AddSeconds(61).ToUnixTimeSeconds()), TokenRefusal.NotYetValid);
        await RefusedAsync(validator, Token(c => c["iat"] = now.AddMinutes(5).ToUnixTimeSeconds()), TokenRefusal.NotYetValid);
    }

    [Fact]
    public async Task WrongAudience_IsRefused()
    {
        await RefusedAsync(Validator(), Token(c => c["aud"] = "another-service"), TokenRefusal.WrongAudience);
    }

    [Fact]
    public async Task UnknownIssuer_IsRefused_WithoutFetchingAnything()
    {
        var validator = Validator();

        await RefusedAsync(validator, Token(c => c["iss"] = "https://issuer.example.org"), TokenRefusal.UnknownIssuer);

        Assert.Equal(0, Issuer.JwksFetches);
    }

    [Fact]
    public async Task IssuerTrustedForAnotherVo_ClaimingThisVosGroup_HasTheGroupDropped()
    {
        // Arrange: a second issuer speaks for "research" only, and claims a hospital group.
        await using var research = await TestIssuer.StartAsync().DefaultTimeout();
        var key = research.AddRsaKey("r-1");
        var validator = Validator(Options(), Options(research, "research"));

        // Act
        var identity = await validator.ValidateAsync(research.Sign(key, Time.GetUtcNow()), CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(["/research/imaging"], identity.Groups.Select(g => g.ToString()));
        Assert.Equal(["/hospital/radiology"], identity.DroppedGroups);
    }

    [Fact]
    public async Task UntrustedGroup_WhenTheIssuerRefusesThem_IsRefused()
    {
        var validator = Validator(Options() with { RefuseUntrustedGroups = true });

        await RefusedAsync(validator, Token(), TokenRefusal.UntrustedGroup);
        await validator.ValidateAsync(Token(c => c["wlcg.groups"] = new[] { "/hospital" }), CancellationToken.None).DefaultTimeout();
    }

    [Fact]
    public async Task SignedByAnUnpublishedKeyWithAPublishedKid_IsBadSignature()
    {
        var forger = Issuer.AddRsaKey("rsa-1", publish: false);

        await RefusedAsync(Validator(), Issuer.Sign(forger, Time.GetUtcNow()), TokenRefusal.BadSignature);
    }

    [Fact]
    public async Task SignedByAKeyTheIssuerDoesNotPublish_IsUnknownKey()
    {
        var stranger = Issuer.AddRsaKey("stranger", publish: false);

        await RefusedAsync(Validator(), Issuer.Sign(stranger, Time.GetUtcNow()), TokenRefusal.UnknownKey);
    }

    [Fact]
    public async Task AlgNone_IsRefused()
    {
        var signed = Token();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        var unsigned = $"{header}.{signed.Split('.')[1]}.";

        await RefusedAsync(Validator(), unsigned, TokenRefusal.AlgorithmNotAllowed);
    }

    [Fact]
    public async Task Hmac_WithTheIssuersPublicKeyAsSecret_IsRefused()
    {
        var secret = new SymmetricSecurityKey(Key.PublicBytes()) { KeyId = "rsa-1" };
        var forged = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new JsonWebToken(Token()).Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => (object)g.First().Value),
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
        });

        await RefusedAsync(Validator(), forged, TokenRefusal.AlgorithmNotAllowed);
    }

    [Fact]
    public async Task OneMegabyteToken_IsTooLarge()
    {
        var huge = Token(c => c["pad"] = new string('a', 1024 * 1024));

        var refused = await RefusedAsync(Validator(), huge, TokenRefusal.TooLarge);

        Assert.True(refused.Message.Length < 200);
    }

    [Theory]
    [InlineData("JWT", true, true)]
    [InlineData("JWT", false, false)]
    [InlineData("at+jwt", false, true)]
    [InlineData("application/at+jwt", false, true)]
    [InlineData("dpop+jwt", true, false)]
    public async Task Type_IsAtJwt_OrJwtWithWlcgVersion(string typ, bool wlcg, bool accepted)
    {
        var validator = Validator();
        var token = Token(c => { if (wlcg) { c["wlcg.ver"] = "1.0"; } }, typ);

        if (accepted)
        {
            await validator.ValidateAsync(token, CancellationToken.None).DefaultTimeout();
        }
        else
        {
            await RefusedAsync(validator, token, TokenRefusal.WrongType);
        }
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("a.b.c")]
    [InlineData("a.b.c.d.e")]
    public async Task Garbage_IsMalformed(string token)
    {
        await RefusedAsync(Validator(), token, TokenRefusal.Malformed);
    }

    [Fact]
    public async Task MissingJti_IsMalformed()
    {
        await RefusedAsync(Validator(), Token(c => c.Remove("jti")), TokenRefusal.Malformed);
    }
}
