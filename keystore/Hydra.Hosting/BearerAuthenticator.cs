using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Hydra.Access;
using Hydra.Grid;
using Hydra.Tokens;
using Microsoft.Extensions.Logging;

namespace Hydra.Hosting;

/// <summary>
/// Turns an RFC 6750 Bearer token into a <see cref="CallerIdentity"/> with the service's <see cref="TokenValidator"/>:
/// subject <c>oidc:issuer#sub</c>, the issuer's trusted <c>wlcg.groups</c> as FQANs, the token id for the audit trail.
/// A validated token is cached (by its SHA-256) until it expires, so a client that sends the same token with every
/// call pays for one signature check; a refusal is a <see cref="CredentialRefusedException"/> naming the reason.
/// </summary>
public sealed class BearerAuthenticator : IDisposable
{
    private const int MaxCached = 4096;

    private readonly TokenValidator? _validator;
    private readonly HttpClient? _ownedHttp;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CallerIdentity> _cache = new(StringComparer.Ordinal);

    public BearerAuthenticator(TokenSettings settings, HttpClient http, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _validator = settings.Enabled
            ? new TokenValidator(settings.Issuers.Select(i => i.ToOptions()), http, time, loggers.CreateLogger<TokenValidator>())
            : null;
    }

    /// <summary>
    /// With its own HTTP client for discovery and keys, whose 10 s timeout bounds how long a call waits for an
    /// unreachable issuer before it is refused (fail closed).
    /// </summary>
    public BearerAuthenticator(TokenSettings settings, TimeProvider time, ILoggerFactory loggers)
        : this(settings, new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, time, loggers, ownsHttp: true)
    {
    }

    private BearerAuthenticator(TokenSettings settings, HttpClient http, TimeProvider time, ILoggerFactory loggers, bool ownsHttp)
        : this(settings, http, time, loggers)
    {
        _ownedHttp = ownsHttp ? http : null;
    }

    /// <summary>Whether the service trusts any token issuer.</summary>
    public bool Enabled => _validator is not null;

    /// <summary>The caller holding <paramref name="token"/>, connected from <paramref name="peer"/>.</summary>
    /// <exception cref="CredentialRefusedException">The token is refused; the message names why, never the token.</exception>
    public async Task<CallerIdentity> AuthenticateAsync(string token, string peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_validator is null)
        {
            throw new CredentialRefusedException("The bearer token was refused: this service trusts no token issuer (it takes grid certificates only).");
        }

        var now = _time.GetUtcNow();
        var fingerprint = Fingerprint(token);
        if (_cache.TryGetValue(fingerprint, out var cached) && now < cached.NotAfter)
        {
            return cached with { Peer = peer };
        }

        TokenIdentity identity;
        try
        {
            identity = await _validator.ValidateAsync(token, cancellationToken);
        }
        catch (TokenRefusedException refused)
        {
            throw new CredentialRefusedException($"The bearer token was refused ({refused.Reason}): {refused.Message}", refused);
        }

        var caller = new CallerIdentity(Nobody, Nobody, identity.Groups, 0, false, identity.Expires, peer)
        {
            Token = identity.Subject,
            TokenId = identity.TokenId,
        };
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[fingerprint] = caller;
        return caller;
    }

    /// <summary>
    /// The identity a refused token claims (issuer and subject when readable, else
    /// <c>oidc:https://unreadable.invalid/#?</c> in the trail; token id <c>?</c> when it has none), so the refusal is
    /// audited under the name the caller used.
    /// </summary>
    public static CallerIdentity Claimed(string token, string peer, DateTimeOffset now)
    {
        var (subject, tokenId) = TokenValidator.Claimed(token);
        return new CallerIdentity(Nobody, Nobody, [], 0, false, now, peer)
        {
            Token = subject ?? Unreadable,
            TokenId = tokenId ?? "?",
        };
    }

    public void Dispose()
    {
        _validator?.Dispose();
        _ownedHttp?.Dispose();
    }

    private static string Fingerprint(string token) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static readonly DistinguishedName Nobody = new([]);

    // Stands for a token whose issuer and subject cannot be read; "oidc:?" would not parse as a principal, this does.
    private static readonly TokenSubject Unreadable = new("https://unreadable.invalid/", "?");
}
