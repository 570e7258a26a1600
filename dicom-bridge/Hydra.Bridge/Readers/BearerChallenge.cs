using System.Text;

namespace Hydra.Bridge.Readers;

/// <summary>
/// A refusal of the reader endpoint with an RFC 6750 section 3 challenge: <c>WWW-Authenticate: Bearer realm=...</c>, with
/// <c>error</c> and <c>error_description</c> when the request carried a token or a malformed header, beside the
/// bridge's usual problem document (one sentence, the same as the description).
/// </summary>
internal sealed class BearerChallenge : IResult
{
    public const string Realm = "hydra-bridge";

    /// <summary>RFC 6750 3.1: the request is malformed (400).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>RFC 6750 3.1: the token is expired, revoked, malformed or for another audience (401).</summary>
    public const string InvalidToken = "invalid_token";

    private readonly int _status;
    private readonly string? _error;
    private readonly string _description;

    private BearerChallenge(int status, string? error, string description)
    {
        _status = status;
        _error = error;
        _description = description;
    }

    /// <summary>No credential the endpoint takes (none, or another scheme): 401 and, per RFC 6750 section 3, no error code.</summary>
    public static BearerChallenge Missing(string description) => new(StatusCodes.Status401Unauthorized, null, description);

    public static BearerChallenge MalformedRequest(string description) => new(StatusCodes.Status400BadRequest, InvalidRequest, description);

    public static BearerChallenge RefusedToken(string description) => new(StatusCodes.Status401Unauthorized, InvalidToken, description);

    /// <summary>The sentence the refusal carries (in the problem document and as <c>error_description</c>).</summary>
    public string Description => _description;

    /// <summary>The <c>WWW-Authenticate</c> value.</summary>
    public string Header
    {
        get
        {
            var header = new StringBuilder($"Bearer realm=\"{Realm}\"");
            if (_error is not null)
            {
                header.Append($", error=\"{_error}\", error_description=\"{Quotable(_description)}\"");
            }

            return header.ToString();
        }
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.WWWAuthenticate = Header;
        return ReaderEndpoints.Problem(_status, _description).ExecuteAsync(httpContext);
    }

    // RFC 6750 3: error_description is %x20-21 / %x23-5B / %x5D-7E (printable ASCII without '"' and '\').
    private static string Quotable(string text) =>
        string.Concat(text.Select(c => c is '"' or '\\' ? '\'' : c is >= ' ' and <= '~' ? c : '?'));
}
