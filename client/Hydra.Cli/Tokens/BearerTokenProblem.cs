namespace Hydra.Cli.Tokens;

/// <summary>Why a discovered bearer token cannot be used; its name is the <c>error</c> of a <c>--json</c> failure, prefixed by <c>Token</c>.</summary>
internal enum BearerTokenProblem
{
    /// <summary>A file named explicitly (<c>--token-file</c>, <c>BEARER_TOKEN_FILE</c>) does not exist.</summary>
    Missing,

    /// <summary>The file exists but cannot be read.</summary>
    Unreadable,

    /// <summary>The file is open to group or others.</summary>
    Insecure,

    /// <summary>The file or variable holds nothing but whitespace.</summary>
    Empty,

    /// <summary>The text is not an RFC 6750 token (characters outside b64token, or far too long).</summary>
    Malformed,

    /// <summary>The token's <c>exp</c> has passed.</summary>
    Expired,
}
