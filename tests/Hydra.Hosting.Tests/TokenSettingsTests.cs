using Hydra.Tokens;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Hydra.Hosting.Tests;

/// <summary>
/// <c>Keystore:Tokens</c> / <c>Bridge:Tokens</c>: each mistake is named under the service's section and the issuer's
/// index, settings map onto <see cref="TokenIssuerOptions"/>, and Kestrel's header limits follow the longest token.
/// </summary>
public sealed class TokenSettingsTests
{
    private const string Section = "Keystore:Tokens";

    private static TokenIssuerSettings Issuer(string issuer = "https://iam.example/") =>
        new() { Issuer = issuer, Audiences = ["https://node1.example/"], Vos = ["hospital"] };

    private static List<string> Validate(TokenSettings settings)
    {
        var failures = new List<string>();
        settings.Validate(Section, failures);
        return failures;
    }

    [Fact]
    public void Validate_Defaults_AddNothing_AndAcceptNoTokens()
    {
        var settings = new TokenSettings();

        Assert.Empty(Validate(settings));
        Assert.False(settings.Enabled);
        Assert.False(settings.AllowWithoutClientCertificate);
    }

    [Fact]
    public void Validate_OneGoodIssuer_AddsNothing()
    {
        Assert.Empty(Validate(new TokenSettings { AllowWithoutClientCertificate = true, Issuers = [Issuer()] }));
    }

    [Fact]
    public void Validate_CertificatelessCallersWithoutAnIssuer_NamesTheSetting()
    {
        var failure = Assert.Single(Validate(new TokenSettings { AllowWithoutClientCertificate = true }));

        Assert.StartsWith("Keystore:Tokens:AllowWithoutClientCertificate needs at least one Keystore:Tokens:Issuers entry", failure, StringComparison.Ordinal);
    }

    public static TheoryData<Action<TokenIssuerSettings>, string> BadIssuers => new()
    {
        { i => i.Issuer = "http://iam.example/", "must use https" },
        { i => i.Issuer = "iam.example", "not an absolute URL" },
        { i => i.Audiences = [], "at least one audience" },
        { i => i.Vos = ["/hospital"], "holds '/'" },
        { i => i.Algorithms = ["HS256"], "HMAC are never allowed" },
        { i => i.Algorithms = ["none"], "HMAC are never allowed" },
        { i => i.ClockSkewSeconds = 301, "clock skew outside 0 to 300 s" },
        { i => i.ClockSkewSeconds = double.NaN, "clock skew outside" },
        { i => i.ClockSkewSeconds = -1, "clock skew outside" },
        { i => i.MaxTokenLength = 1 << 20, "maximum token length outside 256 to 65536" },
        { i => i.KeyRefreshSeconds = 0, "key refresh interval" },
        { i => i.UnknownKeyRefreshSeconds = double.PositiveInfinity, "key refresh interval" },
    };

    [Theory]
    [MemberData(nameof(BadIssuers))]
    public void Validate_BadIssuer_NamesItsIndexAndTheProblem(Action<TokenIssuerSettings> spoil, string problem)
    {
        var bad = Issuer("https://second.example/");
        spoil(bad);

        var failure = Assert.Single(Validate(new TokenSettings { Issuers = [Issuer(), bad] }));

        Assert.StartsWith("Keystore:Tokens:Issuers:1: ", failure, StringComparison.Ordinal);
        Assert.Contains(problem, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LoopbackHttpIssuer_PassesOnlyWhenAllowed()
    {
        var issuer = Issuer("http://127.0.0.1:8080");

        var refused = Validate(new TokenSettings { Issuers = [issuer] });
        issuer.AllowHttpOnLoopback = true;
        var allowed = Validate(new TokenSettings { Issuers = [issuer] });

        Assert.Contains("must use https", Assert.Single(refused), StringComparison.Ordinal);
        Assert.Empty(allowed);
    }

    [Fact]
    public void Validate_SameIssuerTwice_IsNamed()
    {
        var failure = Assert.Single(Validate(new TokenSettings { Issuers = [Issuer(), Issuer()] }));

        Assert.Equal("Keystore:Tokens:Issuers: issuer 'https://iam.example/' is configured twice.", failure);
    }

    [Fact]
    public void ToOptions_MapsEverySetting_AndEmptyAlgorithmsTakeTheDefault()
    {
        var settings = Issuer();
        settings.ClockSkewSeconds = 30;
        settings.MaxTokenLength = 4096;
        settings.KeyRefreshSeconds = 600;
        settings.UnknownKeyRefreshSeconds = 5;
        settings.RefuseUntrustedGroups = true;

        var options = settings.ToOptions();

        Assert.Equal("https://iam.example/", options.Issuer);
        Assert.Equal(["https://node1.example/"], options.Audiences);
        Assert.Equal(["hospital"], options.Vos);
        Assert.Equal(["RS256", "ES256", "PS256"], options.Algorithms);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ClockSkew);
        Assert.Equal(4096, options.MaxTokenLength);
        Assert.Equal(TimeSpan.FromMinutes(10), options.KeyRefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.UnknownKeyRefreshInterval);
        Assert.True(options.RefuseUntrustedGroups);
        Assert.False(options.AllowHttpOnLoopback);
    }

    [Fact]
    public void HeaderLimits_DefaultTokenLength_KeepKestrelsDefaults()
    {
        var limits = new KestrelServerLimits();

        TokenHeaderLimits.Apply(limits, new TokenSettings { Issuers = [Issuer()] });

        var defaults = new KestrelServerLimits();
        Assert.Equal(defaults.Http2.MaxRequestHeaderFieldSize, limits.Http2.MaxRequestHeaderFieldSize);
        Assert.Equal(defaults.MaxRequestHeadersTotalSize, limits.MaxRequestHeadersTotalSize);
    }

    [Fact]
    public void HeaderLimits_NoIssuer_ChangeNothing()
    {
        var limits = new KestrelServerLimits();

        TokenHeaderLimits.Apply(limits, new TokenSettings());

        var defaults = new KestrelServerLimits();
        Assert.Equal(defaults.Http2.MaxRequestHeaderFieldSize, limits.Http2.MaxRequestHeaderFieldSize);
        Assert.Equal(defaults.MaxRequestHeadersTotalSize, limits.MaxRequestHeadersTotalSize);
    }

    [Fact]
    public void HeaderLimits_LongestAllowedToken_FitsTwiceWithRoom_AndStayBounded()
    {
        var small = Issuer("https://a.example/");
        var large = Issuer("https://b.example/");
        large.MaxTokenLength = 64 * 1024;
        var limits = new KestrelServerLimits();

        TokenHeaderLimits.Apply(limits, new TokenSettings { Issuers = [small, large] });

        Assert.Equal((64 * 1024) + TokenHeaderLimits.Overhead, limits.Http2.MaxRequestHeaderFieldSize);
        Assert.Equal((2 * limits.Http2.MaxRequestHeaderFieldSize) + TokenHeaderLimits.Overhead, limits.MaxRequestHeadersTotalSize);
        Assert.True(limits.MaxRequestHeadersTotalSize < 160 * 1024);
    }
}
