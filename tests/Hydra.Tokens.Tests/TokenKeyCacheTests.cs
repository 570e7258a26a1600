namespace Hydra.Tokens.Tests;

public sealed class TokenKeyCacheTests : TokenTestBase
{
    [Fact]
    public async Task ManyValidations_FetchTheKeysOnce()
    {
        var validator = Validator();

        for (var i = 0; i < 20; i++)
        {
            await validator.ValidateAsync(Token(), CancellationToken.None).DefaultTimeout();
        }

        Assert.Equal(1, Issuer.JwksFetches);
    }

    [Fact]
    public async Task KeysPastTheirRefreshInterval_AreFetchedAgain()
    {
        var validator = Validator();
        await validator.ValidateAsync(Token(), CancellationToken.None).DefaultTimeout();

        Time.Advance(TimeSpan.FromHours(1));
        await validator.ValidateAsync(Token(), CancellationToken.None).DefaultTimeout();

        Assert.Equal(2, Issuer.JwksFetches);
    }

    [Fact]
    public async Task RotatedKey_IsFetchedOnItsUnknownKid_AndAccepted()
    {
        // Arrange: keys cached, then the issuer rotates in a new key.
        var validator = Validator();
        await validator.ValidateAsync(Token(), CancellationToken.None).DefaultTimeout();
        var rotated = Issuer.AddRsaKey("rsa-2");

        // Act
        var identity = await validator.ValidateAsync(Issuer.Sign(rotated, Time.GetUtcNow()), CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal("e1eb758b-b73c-4761-bfff-adc793da409c", identity.Subject.Subject);
        Assert.Equal(2, Issuer.JwksFetches);
    }

    [Fact]
    public async Task UnknownKids_RefreshAtMostOncePerInterval()
    {
        var validator = Validator();
        var stranger = Issuer.AddRsaKey("stranger", publish: false);

        for (var i = 0; i < 5; i++)
        {
            await RefusedAsync(validator, Issuer.Sign(stranger, Time.GetUtcNow()), TokenRefusal.UnknownKey);
        }

        Time.Advance(TimeSpan.FromMinutes(1));
        await RefusedAsync(validator, Issuer.Sign(stranger, Time.GetUtcNow()), TokenRefusal.UnknownKey);

        // The first fetch, one refresh for the unknown kid, one more after the interval.
        Assert.Equal(3, Issuer.JwksFetches);
    }

    [Fact]
    public async Task IssuerDown_WithKeysCached_StillAcceptsTheirTokens()
    {
        var validator = Validator();
        await validator.ValidateAsync(Token(), CancellationToken.None).DefaultTimeout();
        Issuer.Down = true;

        Time.Advance(TimeSpan.FromHours(2));
        var identity = await validator.ValidateAsync(Token(), CancellationToken.None).DefaultTimeout();

        Assert.Equal("e1eb758b-b73c-4761-bfff-adc793da409c", identity.Subject.Subject);
    }

    [Fact]
    public async Task KidTheJwksLacks_WhileTheIssuerIsDown_IsIssuerUnreachable()
    {
        var validator = Validator();
        await validator.ValidateAsync(Token(), CancellationToken.None).DefaultTimeout();
        var stranger = Issuer.AddRsaKey("rsa-9", publish: false);
        Issuer.Down = true;

        await RefusedAsync(validator, Issuer.Sign(stranger, Time.GetUtcNow()), TokenRefusal.IssuerUnreachable);
    }

    [Fact]
    public async Task IssuerDown_WithNothingCached_FailsClosed()
    {
        Issuer.Down = true;

        await RefusedAsync(Validator(), Token(), TokenRefusal.IssuerUnreachable);
    }

    [Fact]
    public async Task IssuerGone_WithNothingCached_FailsClosed()
    {
        var validator = Validator();
        var token = Token();
        await Issuer.DisposeAsync().AsTask().DefaultTimeout();

        await RefusedAsync(validator, token, TokenRefusal.IssuerUnreachable);
    }
}
