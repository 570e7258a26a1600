using System.Globalization;
using Hydra.Cli.Connection;
using Hydra.Keystore.Contract;
using Hydra.Storage.Files;

namespace Hydra.Cli.Tokens;

/// <summary>
/// WLCG Bearer Token Discovery 1.0, as grid tools do it: <c>--token-file</c>, else <c>$BEARER_TOKEN</c>, else the file
/// <c>$BEARER_TOKEN_FILE</c>, else <c>$XDG_RUNTIME_DIR/bt_u&lt;uid&gt;</c>, else <c>/tmp/bt_u&lt;uid&gt;</c>; leading and
/// trailing whitespace is not part of the token. A file named explicitly must exist; the two default locations are
/// skipped when absent. Any token file open to group or others is refused, as proxies and private keys are: a token
/// is a credential, and a <c>/tmp/bt_u&lt;uid&gt;</c> that another user planted can only be read by us if it is open.
/// </summary>
internal static class TokenDiscovery
{
    public const string TokenVariable = "BEARER_TOKEN";

    public const string TokenFileVariable = "BEARER_TOKEN_FILE";

    public const string RuntimeDirectoryVariable = "XDG_RUNTIME_DIR";

    /// <summary>The token to use, or null when no source holds one.</summary>
    /// <exception cref="BearerTokenException">A source holds something that cannot be used; the message names it.</exception>
    public static DiscoveredToken? Discover(string? tokenFile, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (tokenFile is not null)
        {
            return FromFile(tokenFile, "--token-file", required: true);
        }

        if (environment.NonEmpty(TokenVariable) is { } value)
        {
            return FromText(value, "$" + TokenVariable);
        }

        if (environment.NonEmpty(TokenFileVariable) is { } file)
        {
            return FromFile(file, "$" + TokenFileVariable, required: true);
        }

        foreach (var location in DefaultLocations(environment))
        {
            if (FromFile(location, location, required: false) is { } token)
            {
                return token;
            }
        }

        return null;
    }

    /// <summary>Where <c>hydra login</c> writes a token so that discovery finds it; null without a uid (Windows).</summary>
    public static string? LoginLocation(CliEnvironment environment) => DefaultLocations(environment).FirstOrDefault();

    /// <summary>Every place discovery looks, in order, for messages ("no token at ...").</summary>
    public static string Describe(CliEnvironment environment) =>
        string.Join(", ", new[] { "--token-file", "$" + TokenVariable, "$" + TokenFileVariable }.Concat(DefaultLocations(environment)));

    private static IEnumerable<string> DefaultLocations(CliEnvironment environment)
    {
        if (environment.UserId is not { } uid)
        {
            yield break;
        }

        var name = "bt_u" + uid.ToString(CultureInfo.InvariantCulture);
        if (environment.NonEmpty(RuntimeDirectoryVariable) is { } runtime)
        {
            yield return Path.Combine(runtime, name);
        }

        yield return Path.Combine(environment.SharedTemporaryDirectory, name);
    }

    private static DiscoveredToken? FromFile(string path, string rule, bool required)
    {
        var source = rule == path ? $"'{path}'" : $"'{path}' ({rule})";
        if (!File.Exists(path))
        {
            return required
                ? throw new BearerTokenException(BearerTokenProblem.Missing, $"No bearer token file at {source}.")
                : null;
        }

        string text;
        try
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OwnerOnly.GroupOrOthers) != 0)
            {
                throw new BearerTokenException(BearerTokenProblem.Insecure,
                    $"The bearer token file {source} has mode {OwnerOnly.Octal(File.GetUnixFileMode(path))}, open to group or others; "
                    + $"a token is a credential, so it is not used: run chmod 600 '{path}' if the file is yours, else remove it.");
            }

            if (new FileInfo(path).Length > TokenText.MaxLength)
            {
                throw new BearerTokenException(BearerTokenProblem.Malformed, $"The file {source} is too large to hold a bearer token.");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BearerTokenException(BearerTokenProblem.Unreadable, $"The bearer token file {source} cannot be read: {ex.Message}", ex);
        }

        return FromText(text, source);
    }

    private static DiscoveredToken FromText(string text, string source)
    {
        var token = text.Trim();
        if (token.Length == 0)
        {
            throw new BearerTokenException(BearerTokenProblem.Empty, $"The bearer token from {source} is empty; run 'hydra login' for a new one.");
        }

        if (token.Length > TokenText.MaxLength || !BearerToken.IsB64Token(token))
        {
            // Never echo the text: it may be a real token with a stray character, or another secret pasted by mistake.
            throw new BearerTokenException(BearerTokenProblem.Malformed,
                $"The bearer token from {source} is not an RFC 6750 token: only letters, digits, -._~+/ and trailing '=' are allowed "
                + "(the text is not shown).");
        }

        return new DiscoveredToken(token, source, TokenText.ExpiresAt(token));
    }
}
