using System.Net;

namespace Hydra.Tokens;

/// <summary>
/// One trusted token issuer: where its discovery document is, which audiences this service accepts, and which VOs it
/// speaks for (as a VOMS <c>.lsc</c> file says which AA speaks for which VO). <see cref="Validate"/> names the first
/// bad setting.
/// </summary>
public sealed record TokenIssuerOptions
{
    /// <summary>Above this, clocks are broken rather than skewed, and an expired token would live on.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The issuer identifier, exactly as in the tokens' <c>iss</c> and the discovery document's <c>issuer</c>; https,
    /// or http on a loopback address when <see cref="AllowHttpOnLoopback"/> is set (tests only).
    /// </summary>
    public required string Issuer { get; init; }

    /// <summary>The audiences this service accepts in <c>aud</c> (RFC 9068 §4: the token must be meant for us).</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>The VOs (first group path segment, <c>/vo</c>) whose groups this issuer may assert in <c>wlcg.groups</c>.</summary>
    public IReadOnlyList<string> Vos { get; init; } = [];

    /// <summary>
    /// Signature algorithms accepted. RFC 9068 §4 requires RS256 support; ES256 and PS256 are what WLCG issuers use.
    /// <c>none</c> and HMAC are never accepted: the issuer's keys are public, so an HMAC "signature" proves nothing.
    /// </summary>
    public IReadOnlyList<string> Algorithms { get; init; } = ["RS256", "ES256", "PS256"];

    /// <summary>Leeway on <c>exp</c>, <c>nbf</c> and <c>iat</c> for clock skew; default 60 s, at most 5 minutes.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Longest token accepted, checked before parsing; default 8 KiB. RFC 9068 tokens are a few hundred bytes and
    /// RFC 6750 Bearer tokens travel in an HTTP header, which servers commonly cap at 8 KiB; anything longer is an
    /// attempt to make the parser work, not a credential.
    /// </summary>
    public int MaxTokenLength { get; init; } = 8 * 1024;

    /// <summary>Whether the issuer may be plain http on a loopback address; for tests against a local issuer only.</summary>
    public bool AllowHttpOnLoopback { get; init; }

    /// <summary>How long fetched keys are used before they are fetched again; default 1 hour.</summary>
    public TimeSpan KeyRefreshInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Least time between fetches caused by a token whose <c>kid</c> is not among the cached keys (key rotation);
    /// default 1 minute, so forged <c>kid</c>s cannot make this service hammer the issuer.
    /// </summary>
    public TimeSpan UnknownKeyRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether a token claiming a group of a VO the issuer is not trusted for is refused (<see cref="TokenRefusal.UntrustedGroup"/>)
    /// rather than accepted with that group dropped; default false (dropped and reported in <see cref="TokenIdentity.DroppedGroups"/>).
    /// </summary>
    public bool RefuseUntrustedGroups { get; init; }

    /// <summary>The discovery document's address (OpenID Connect Discovery 1.0 §4).</summary>
    public string DiscoveryAddress => Issuer.TrimEnd('/') + "/.well-known/openid-configuration";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(Issuer, UriKind.Absolute, out var issuer) || issuer.Query.Length > 0 || issuer.Fragment.Length > 0)
        {
            throw new ArgumentException($"Token issuer '{Issuer}' is not an absolute URL without query or fragment.");
        }

        var loopbackHttp = issuer.Scheme == Uri.UriSchemeHttp && IPAddress.TryParse(issuer.Host, out var address) && IPAddress.IsLoopback(address);
        if (issuer.Scheme != Uri.UriSchemeHttps && !(AllowHttpOnLoopback && loopbackHttp))
        {
            throw new ArgumentException($"Token issuer '{Issuer}' must use https (http only on a loopback address, in tests).");
        }

        if (Audiences.Count == 0 || Audiences.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Token issuer '{Issuer}' needs at least one audience, none empty.");
        }

        if (Vos.Any(vo => string.IsNullOrEmpty(vo) || vo.Contains('/', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Token issuer '{Issuer}' has a VO that is empty or holds '/'; name VOs without slashes.");
        }

        if (Algorithms.Count == 0 || Algorithms.Any(a => a is not ("RS256" or "RS384" or "RS512" or "PS256" or "PS384" or "PS512" or "ES256" or "ES384" or "ES512")))
        {
            throw new ArgumentException($"Token issuer '{Issuer}' allows an algorithm that is not RSA or ECDSA; 'none' and HMAC are never allowed.");
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > MaxClockSkew)
        {
            throw new ArgumentException($"Token issuer '{Issuer}' has a clock skew outside 0 to {MaxClockSkew.TotalSeconds} s.");
        }

        if (MaxTokenLength is < 256 or > 64 * 1024)
        {
            throw new ArgumentException($"Token issuer '{Issuer}' has a maximum token length outside 256 to 65536.");
        }

        if (KeyRefreshInterval <= TimeSpan.Zero || UnknownKeyRefreshInterval < TimeSpan.Zero)
        {
            throw new ArgumentException($"Token issuer '{Issuer}' has a key refresh interval that is not positive.");
        }
    }
}
