using Grpc.Core;

namespace Hydra.Keystore.Contract.Tests;

/// <summary>RFC 6750 section 2.1 Bearer headers, and the delegate's forwarded-token header, read and written.</summary>
public sealed class BearerTokenTests
{
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_~+/=";

    [Fact]
    public void ToMetadata_WritesTheBearerScheme_AndFromMetadataReadsItBack()
    {
        var headers = BearerToken.ToMetadata(Token);

        Assert.Equal("Bearer " + Token, headers.GetValue(BearerToken.Header));
        Assert.Equal(Token, BearerToken.FromMetadata(headers));
    }

    [Theory]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("Bearer  ")]
    public void FromHeaderValue_SchemeIsCaseInsensitive_AndSpacesAreTrimmed(string prefix)
    {
        Assert.Equal(Token, BearerToken.FromHeaderValue(prefix + Token + " "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic YWxpY2U6cHc=")]
    [InlineData("Bearer")]
    [InlineData("BearerX abc")]
    public void FromHeaderValue_OtherSchemes_AreNotBearerTokens(string? value)
    {
        Assert.Null(BearerToken.FromHeaderValue(value));
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("Bearer    ")]
    [InlineData("Bearer abc def")]
    [InlineData("Bearer abc\"def")]
    [InlineData("Bearer abc,def")]
    [InlineData("Bearer é")]
    [InlineData("Bearer abc=def")]
    [InlineData("Bearer =abc")]
    [InlineData("Bearer ===")]
    public void FromHeaderValue_EmptyOrNonB64Token_IsMalformed_WithoutEchoingIt(string value)
    {
        var error = Assert.Throws<FormatException>(() => BearerToken.FromHeaderValue(value));

        Assert.Contains("not an RFC 6750 b64token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a\nb")]
    [InlineData("a=b")]
    public void HeaderValue_RefusesWhatIsNoB64Token(string token)
    {
        Assert.Throws<ArgumentException>(() => BearerToken.HeaderValue(token));
    }

    [Fact]
    public void FromMetadata_NoAuthorizationHeader_IsNull()
    {
        Assert.Null(BearerToken.FromMetadata(new Metadata { { "x-other", "Bearer " + Token } }));
    }

    [Fact]
    public void FromMetadata_AnotherScheme_IsMalformed()
    {
        var error = Assert.Throws<FormatException>(() => BearerToken.FromMetadata(new Metadata { { BearerToken.Header, "Basic YWxpY2U6cHc=" } }));

        Assert.Contains("scheme other than Bearer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForwardedToken_RoundTrips_WithoutTheScheme()
    {
        var headers = Delegation.ForToken(Token);

        Assert.Equal(Token, headers.GetValue(Delegation.TokenHeader));
        Assert.Equal(Token, Delegation.TokenFromMetadata(headers));
        Assert.Null(BearerToken.FromMetadata(headers));
    }

    [Fact]
    public void ForwardedToken_Missing_IsNull_AndMalformed_IsRefused()
    {
        Assert.Null(Delegation.TokenFromMetadata(new Metadata()));
        Assert.Throws<FormatException>(() => Delegation.TokenFromMetadata(new Metadata { { Delegation.TokenHeader, "abc def" } }));
    }
}
