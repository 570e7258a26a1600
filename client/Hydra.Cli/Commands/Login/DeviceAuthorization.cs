namespace Hydra.Cli.Commands.Login;

/// <summary>
/// The issuer's answer to a device authorization request (RFC 8628 section 3.2). The device code is a secret between
/// hydra and the issuer, so <see cref="ToString"/> leaves it out.
/// </summary>
internal sealed record DeviceAuthorization(
    string DeviceCode, string UserCode, Uri VerificationUri, Uri? VerificationUriComplete, TimeSpan ExpiresIn, TimeSpan Interval)
{
    public override string ToString() => $"user code {UserCode} at {VerificationUri}, expires in {ExpiresIn}";
}

/// <summary>What to ask the issuer for.</summary>
internal sealed record LoginRequest(Uri Issuer, string ClientId, string Scope, string? Resource);

/// <summary>The endpoints OpenID discovery names.</summary>
internal sealed record IssuerEndpoints(Uri DeviceAuthorization, Uri Token);

/// <summary>An access token the issuer granted; <see cref="ToString"/> leaves the token out.</summary>
internal sealed record GrantedToken(string AccessToken, TimeSpan? ExpiresIn, string? Scope)
{
    public override string ToString() => $"access token, expires in {ExpiresIn?.ToString() ?? "(not said)"}";
}
