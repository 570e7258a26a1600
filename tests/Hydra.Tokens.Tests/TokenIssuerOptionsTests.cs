namespace Hydra.Tokens.Tests;

public sealed class TokenIssuerOptionsTests : TokenTestBase
{
    [Fact]
    public void Defaults_AreDocumented()
    {
        var options = new TokenIssuerOptions { Issuer = "https://iam.hospital.example/", Audiences = ["hydra-keystore"] };

        options.Validate();

        Assert.Equal(["RS256", "ES256", "PS256"], options.Algorithms);
        Assert.Equal(TimeSpan.FromSeconds(60), options.ClockSkew);
        Assert.Equal(8192, options.MaxTokenLength);
        Assert.False(options.AllowHttpOnLoopback);
        Assert.False(options.RefuseUntrustedGroups);
        Assert.Equal("https://iam.hospital.example/.well-known/openid-configuration", options.DiscoveryAddress);
    }

    public static TheoryData<TokenIssuerOptions, string> BadOptions()
    {
        var good = new TokenIssuerOptions { Issuer = "https://iam.hospital.example", Audiences = ["hydra-keystore"], AllowHttpOnLoopback = true };
        return new()
        {
            { good with { Issuer = "http://iam.hospital.example" }, "must use https" },
            { good with { Issuer = "http://127.0.0.1:8080", AllowHttpOnLoopback = false }, "must use https" },
            { good with { Issuer = "https://iam.hospital.example/?x=1" }, "without query" },
            { good with { Audiences = [] }, "at least one audience" },
            { good with { Vos = ["/hospital"] }, "holds '/'" },
            { good with { Algorithms = ["HS256"] }, "HMAC are never allowed" },
            { good with { Algorithms = ["none"] }, "HMAC are never allowed" },
            { good with { ClockSkew = TimeSpan.FromMinutes(6) }, "clock skew" },
            { good with { MaxTokenLength = 1024 * 1024 }, "maximum token length" },
            { good with { KeyRefreshInterval = TimeSpan.Zero }, "refresh interval" },
        };
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadSetting_IsNamed(TokenIssuerOptions options, string message)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SameIssuerTwice_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Validator(Options(), Options()));
    }

    [Fact]
    public async Task DiscoveryDocumentForAnotherIssuer_IsIssuerUnreachable()
    {
        // The configured issuer has a trailing slash; the document names it without one, so it is not this issuer's.
        var validator = Validator(Options() with { Issuer = Issuer.Issuer + "/" });

        await RefusedAsync(validator, Token(c => c["iss"] = Issuer.Issuer + "/"), TokenRefusal.IssuerUnreachable);
    }

    [Fact]
    public async Task Cancelled_IsCancellation_NotARefusal()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Validator().ValidateAsync(Token(), cancel.Token).DefaultTimeout());
    }
}
