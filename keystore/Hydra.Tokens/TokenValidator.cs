using System.Text.Json;
using Hydra.Access;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hydra.Tokens;

/// <summary>
/// Validates RFC 6750 Bearer JWT access tokens (RFC 9068, WLCG Common JWT Profile) from the configured issuers into a
/// <see cref="TokenIdentity"/>, or refuses them with a <see cref="TokenRefusedException"/>. Fails closed: an issuer
/// whose keys cannot be fetched and are not cached accepts nothing.
/// </summary>
public sealed class TokenValidator : IDisposable
{
    private const string GroupsClaim = "wlcg.groups";
    private const string WlcgVersionClaim = "wlcg.ver";

    private readonly Dictionary<string, (TokenIssuerOptions Options, IssuerKeys Keys)> _issuers = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TimeProvider _time;
    private readonly int _maxLength;

    /// <param name="http">Fetches discovery documents and keys; its timeout bounds how long an unreachable issuer is waited for.</param>
    public TokenValidator(IEnumerable<TokenIssuerOptions> issuers, HttpClient http, TimeProvider time, ILogger<TokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(issuers);
        ArgumentNullException.ThrowIfNull(http);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        foreach (var options in issuers)
        {
            options.Validate();
            if (!_issuers.TryAdd(options.Issuer, (options, new IssuerKeys(options, http, time, logger))))
            {
                throw new ArgumentException($"Token issuer '{options.Issuer}' is configured twice.", nameof(issuers));
            }
        }

        if (_issuers.Count == 0)
        {
            throw new ArgumentException("No token issuer is configured.", nameof(issuers));
        }

        _maxLength = _issuers.Values.Max(i => i.Options.MaxTokenLength);
    }

    /// <summary>Validates <paramref name="token"/> (without the "Bearer " prefix).</summary>
    public async Task<TokenIdentity> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > _maxLength)
        {
            throw Refuse(TokenRefusal.TooLarge, $"The token is {token.Length} characters long; at most {_maxLength} are accepted.");
        }

        var jwt = Read(token);
        if (!_issuers.TryGetValue(jwt.Issuer, out var issuer))
        {
            throw Refuse(TokenRefusal.UnknownIssuer, "The token's issuer is not a trusted token issuer.");
        }

        var options = issuer.Options;
        if (token.Length > options.MaxTokenLength)
        {
            throw Refuse(TokenRefusal.TooLarge, $"The token is longer than the {options.MaxTokenLength} characters issuer '{options.Issuer}' may send.");
        }

        CheckHeader(jwt, options);
        var keys = await issuer.Keys.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(jwt.Kid) && !keys.Any(k => string.Equals(k.KeyId, jwt.Kid, StringComparison.Ordinal)))
        {
            // A key the issuer may have rotated in since we fetched; refused when the issuer does not list it either.
            keys = await issuer.Keys.RefreshForUnknownKeyAsync(cancellationToken).ConfigureAwait(false) ?? keys;
            if (!keys.Any(k => string.Equals(k.KeyId, jwt.Kid, StringComparison.Ordinal)))
            {
                throw Refuse(TokenRefusal.UnknownKey, $"The token is signed with a key issuer '{options.Issuer}' does not publish.");
            }
        }

        var result = await _handler.ValidateTokenAsync(jwt, Parameters(options, keys)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw Refuse(Reason(result.Exception), $"A token of issuer '{options.Issuer}' was refused: {Describe(Reason(result.Exception))}.", result.Exception);
        }

        CheckTimes(jwt, options);
        return Identity(jwt, options);
    }

    /// <summary>Longest <c>jti</c> accepted (it is recorded in the audit trail).</summary>
    public const int MaxTokenIdLength = 128;

    /// <summary>
    /// The issuer, subject and token id a token claims, read without verifying anything, so a refusal can be audited
    /// under the name the caller used (as a refused certificate is audited under the subject it claims). Null parts
    /// are absent, unreadable or not printable; never trust the result for a decision.
    /// </summary>
    public static (TokenSubject? Subject, string? TokenId) Claimed(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > 64 * 1024 || token.Count(c => c == '.') != 2)
        {
            return (null, null);
        }

        try
        {
            var jwt = new JsonWebToken(token);
            TokenSubject? subject = null;
            if (jwt.TryGetPayloadValue<string>("iss", out var iss) && jwt.TryGetPayloadValue<string>("sub", out var sub)
                && TokenSubject.TryParse(iss + "#" + sub, out var parsed, out _))
            {
                subject = parsed;
            }

            var id = jwt.TryGetPayloadValue<string>("jti", out var jti) && IsPrintableId(jti) ? jti : null;
            return (subject, id);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return (null, null);
        }
    }

    private static bool IsPrintableId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxTokenIdLength && value.All(c => c is >= '!' and <= '~');

    public void Dispose()
    {
        foreach (var (_, keys) in _issuers.Values)
        {
            keys.Dispose();
        }
    }

    private static JsonWebToken Read(string token)
    {
        // Three parts: a JWS. Five would be a JWE, which no access token profile here uses.
        if (token.Count(c => c == '.') != 2)
        {
            throw Refuse(TokenRefusal.Malformed, "The token is not a compact signed JWT.");
        }

        try
        {
            return new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            throw Refuse(TokenRefusal.Malformed, "The token is not a compact signed JWT.", ex);
        }
    }

    private static void CheckHeader(JsonWebToken jwt, TokenIssuerOptions options)
    {
        if (!options.Algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            throw Refuse(TokenRefusal.AlgorithmNotAllowed, $"The token's signature algorithm is not allowed for issuer '{options.Issuer}'.");
        }

        // RFC 9068 §2.1 types access tokens "at+jwt"; WLCG issuers predate it and send "JWT" (or nothing), so those
        // pass only with the profile's own marker, wlcg.ver. An ID token (typ JWT, no wlcg.ver) is no access token.
        var typ = jwt.Typ;
        var accessTokenType = typ.Equals("at+jwt", StringComparison.OrdinalIgnoreCase) || typ.Equals("application/at+jwt", StringComparison.OrdinalIgnoreCase);
        var wlcgType = (typ.Length == 0 || typ.Equals("JWT", StringComparison.OrdinalIgnoreCase)) && jwt.TryGetPayloadValue<string>(WlcgVersionClaim, out _);
        if (!accessTokenType && !wlcgType)
        {
            throw Refuse(TokenRefusal.WrongType, "The token is not typed as an access token ('at+jwt', or 'JWT' with 'wlcg.ver').");
        }
    }

    private static TokenValidationParameters Parameters(TokenIssuerOptions options, IReadOnlyList<SecurityKey> keys) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudiences = options.Audiences,
        ValidAlgorithms = options.Algorithms,
        IssuerSigningKeys = keys,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        RequireAudience = true,

        // Lifetime is checked after the signature with the TimeProvider (CheckTimes), so that it follows our clock.
        ValidateLifetime = false,
        TryAllIssuerSigningKeys = true,
    };

    private void CheckTimes(JsonWebToken jwt, TokenIssuerOptions options)
    {
        if (!jwt.TryGetPayloadValue<long>("exp", out _) || !jwt.TryGetPayloadValue<long>("iat", out _))
        {
            throw Refuse(TokenRefusal.Malformed, "The token lacks 'exp' or 'iat' (RFC 9068 §2.2).");
        }

        var now = _time.GetUtcNow();
        if (now - options.ClockSkew >= new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero))
        {
            throw Refuse(TokenRefusal.Expired, $"A token of issuer '{options.Issuer}' has expired.");
        }

        var notBefore = jwt.TryGetPayloadValue<long>("nbf", out _) ? new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero) : DateTimeOffset.MinValue;
        var issuedAt = new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero);
        if (now + options.ClockSkew < notBefore || now + options.ClockSkew < issuedAt)
        {
            throw Refuse(TokenRefusal.NotYetValid, $"A token of issuer '{options.Issuer}' is not valid yet.");
        }
    }

    private static TokenIdentity Identity(JsonWebToken jwt, TokenIssuerOptions options)
    {
        if (!jwt.TryGetPayloadValue<string>("sub", out var sub) || !jwt.TryGetPayloadValue<string>("jti", out var jti) || string.IsNullOrEmpty(jti))
        {
            throw Refuse(TokenRefusal.Malformed, "The token lacks 'sub' or 'jti' (RFC 9068 §2.2).");
        }

        if (!IsPrintableId(jti))
        {
            // It goes into every audit record of the caller; RFC 7519 leaves it open, real issuers send UUIDs.
            throw Refuse(TokenRefusal.Malformed, $"The token's 'jti' is not 1 to {MaxTokenIdLength} printable ASCII characters.");
        }

        TokenSubject subject;
        try
        {
            subject = new TokenSubject(options.Issuer, sub);
        }
        catch (ArgumentException ex)
        {
            throw Refuse(TokenRefusal.Malformed, "The token's 'sub' is not 1 to 255 printable ASCII characters.", ex);
        }

        var (groups, dropped) = TokenGroups.Split(jwt, GroupsClaim, options);
        if (dropped.Count > 0 && options.RefuseUntrustedGroups)
        {
            throw Refuse(TokenRefusal.UntrustedGroup, $"The token claims groups of VOs issuer '{options.Issuer}' is not trusted for.");
        }

        var scopes = jwt.TryGetPayloadValue<string>("scope", out var scope)
            ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
        return new TokenIdentity(subject, groups, dropped, scopes, jti, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
    }

    private static TokenRefusal Reason(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => TokenRefusal.WrongAudience,
        SecurityTokenInvalidIssuerException => TokenRefusal.UnknownIssuer,
        SecurityTokenInvalidAlgorithmException => TokenRefusal.AlgorithmNotAllowed,
        SecurityTokenSignatureKeyNotFoundException => TokenRefusal.UnknownKey,
        SecurityTokenInvalidSignatureException => TokenRefusal.BadSignature,
        _ => TokenRefusal.Malformed,
    };

    private static string Describe(TokenRefusal reason) => reason switch
    {
        TokenRefusal.WrongAudience => "it is not meant for this service",
        TokenRefusal.UnknownIssuer => "its issuer is not trusted",
        TokenRefusal.AlgorithmNotAllowed => "its algorithm is not allowed",
        TokenRefusal.UnknownKey => "no published key signed it",
        TokenRefusal.BadSignature => "its signature does not verify",
        _ => "it is malformed or lacks a required claim",
    };

    private static TokenRefusedException Refuse(TokenRefusal reason, string message, Exception? inner = null) => new(reason, message, inner);
}
