using Grpc.Core;

namespace Hydra.Keystore.Contract;

/// <summary>
/// RFC 6750 section 2.1: a JWT access token travels in the <c>authorization</c> header as <c>Bearer &lt;token&gt;</c>.
/// The token is never put in a message or a log by this type or its callers.
/// </summary>
public static class BearerToken
{
    /// <summary>The gRPC metadata key (HTTP/2 header names are lower case).</summary>
    public const string Header = "authorization";

    private const string Scheme = "Bearer ";

    /// <summary>Metadata carrying <paramref name="token"/> for every call of a client.</summary>
    public static Metadata ToMetadata(string token) => new() { { Header, HeaderValue(token) } };

    /// <summary>The header value, <c>Bearer &lt;token&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The token is empty or holds characters RFC 6750's b64token does not allow.</exception>
    public static string HeaderValue(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!IsB64Token(token))
        {
            throw new ArgumentException("A bearer token is one RFC 6750 b64token: letters, digits and -._~+/ with '=' padding at the end.", nameof(token));
        }

        return Scheme + token;
    }

    /// <summary>
    /// The token in an <c>authorization</c> header value, or null when the value does not use the Bearer scheme
    /// (the scheme name is case-insensitive, RFC 9110 section 11.1).
    /// </summary>
    /// <exception cref="FormatException">The Bearer scheme carries no token or a token with characters b64token forbids.</exception>
    public static string? FromHeaderValue(string? value)
    {
        if (value is null || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value[Scheme.Length..].Trim(' ');
        if (!IsB64Token(token))
        {
            throw new FormatException("The Authorization header's Bearer token is empty or not an RFC 6750 b64token.");
        }

        return token;
    }

    /// <summary>The token in <paramref name="headers"/>, or null when the call carries none.</summary>
    /// <exception cref="FormatException">An <c>authorization</c> header is there but is no Bearer token.</exception>
    public static string? FromMetadata(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var entry = headers.FirstOrDefault(e => !e.IsBinary && string.Equals(e.Key, Header, StringComparison.Ordinal));
        if (entry is null)
        {
            return null;
        }

        return FromHeaderValue(entry.Value)
            ?? throw new FormatException("The authorization header uses a scheme other than Bearer; nodes take Bearer tokens and grid certificates.");
    }

    /// <summary>
    /// Whether <paramref name="token"/> is one RFC 6750 section 2.1 b64token:
    /// <c>1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="</c>, so '=' only as padding at the end.
    /// </summary>
    public static bool IsB64Token(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var body = token.AsSpan().TrimEnd('=');
        foreach (var c in body)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/'))
            {
                return false;
            }
        }

        return body.Length > 0;
    }
}
