using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Tokens.Tests;

/// <summary>One issuer with an RSA key, a validator trusting it for the VO "hospital", and a fake clock.</summary>
public abstract class TokenTestBase : IAsyncLifetime
{
    private readonly List<TokenValidator> _validators = [];

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    internal TestIssuer Issuer { get; private set; } = null!;

    internal IssuerKey Key { get; private set; } = null!;

    internal HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync().DefaultTimeout();
        Key = Issuer.AddRsaKey("rsa-1");
    }

    public async Task DisposeAsync()
    {
        _validators.ForEach(v => v.Dispose());
        Http.Dispose();
        await Issuer.DisposeAsync().AsTask().DefaultTimeout();
    }

    internal TokenIssuerOptions Options(TestIssuer? issuer = null, params string[] vos) => new()
    {
        Issuer = (issuer ?? Issuer).Issuer,
        Audiences = ["hydra-keystore"],
        Vos = vos.Length == 0 ? ["hospital"] : vos,
        AllowHttpOnLoopback = true,
    };

    internal TokenValidator Validator(params TokenIssuerOptions[] options)
    {
        var validator = new TokenValidator(options.Length == 0 ? [Options()] : options, Http, Time, NullLogger<TokenValidator>.Instance);
        _validators.Add(validator);
        return validator;
    }

    internal string Token(Action<Dictionary<string, object>>? change = null, string typ = "at+jwt") =>
        Issuer.Sign(Key, Time.GetUtcNow(), change, typ);

    /// <summary>Validates, expecting a refusal for <paramref name="reason"/> whose message does not hold the token.</summary>
    internal static async Task<TokenRefusedException> RefusedAsync(TokenValidator validator, string token, TokenRefusal reason)
    {
        var refused = await Assert.ThrowsAsync<TokenRefusedException>(() => validator.ValidateAsync(token, CancellationToken.None).DefaultTimeout());
        Assert.Equal(reason, refused.Reason);
        foreach (var part in token.Split('.').Where(p => p.Length >= 8))
        {
            Assert.DoesNotContain(part, refused.Message, StringComparison.Ordinal);
        }

        return refused;
    }
}
