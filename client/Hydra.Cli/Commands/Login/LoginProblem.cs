namespace Hydra.Cli.Commands.Login;

/// <summary>Why <c>hydra login</c> got no token; the <c>--json</c> error name is <c>Login</c> plus this name.</summary>
internal enum LoginProblem
{
    /// <summary>The issuer or the user said no (access_denied, an unknown client, a scope or resource refused); exit 4.</summary>
    Refused,

    /// <summary>The user code expired before the user approved; exit 1.</summary>
    CodeExpired,

    /// <summary>The issuer could not be reached or answered with a server error; exit 6.</summary>
    Unreachable,

    /// <summary>The issuer answered something RFC 8628 or OpenID discovery does not allow; exit 1.</summary>
    BadAnswer,
}
