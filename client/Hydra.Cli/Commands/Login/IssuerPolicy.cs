using System.Net;

namespace Hydra.Cli.Commands.Login;

/// <summary>
/// Which issuer addresses hydra talks to: https only, since the token and the device code cross them, except plain
/// http on a loopback address (a test issuer on this machine, where nothing crosses a network).
/// </summary>
internal static class IssuerPolicy
{
    /// <summary>The issuer as a URL hydra may use.</summary>
    /// <exception cref="UsageException">Not an absolute http(s) URL, or http off loopback.</exception>
    public static Uri Issuer(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var issuer) || (issuer.Scheme != Uri.UriSchemeHttps && issuer.Scheme != Uri.UriSchemeHttp)
            || issuer.Query.Length > 0 || issuer.Fragment.Length > 0)
        {
            throw new UsageException($"The issuer '{text}' is not an https URL without query or fragment.");
        }

        if (!Allowed(issuer))
        {
            throw new UsageException(
                $"The issuer '{text}' uses http: hydra login talks to issuers over https only (plain http only on a loopback address, for tests).");
        }

        return issuer;
    }

    /// <summary>An endpoint named by the issuer's discovery document, held to the same rule as the issuer.</summary>
    /// <exception cref="LoginException">The document names a non-URL or an http endpoint off loopback.</exception>
    public static Uri Endpoint(string text, string name) =>
        Uri.TryCreate(text, UriKind.Absolute, out var endpoint) && Allowed(endpoint)
            ? endpoint
            : throw new LoginException(LoginProblem.BadAnswer, $"The issuer's {name} '{text}' is not an https URL; hydra sends credentials over https only.");

    private static bool Allowed(Uri address) =>
        address.Scheme == Uri.UriSchemeHttps
        || (address.Scheme == Uri.UriSchemeHttp && (address.IsLoopback || (IPAddress.TryParse(address.Host, out var ip) && IPAddress.IsLoopback(ip))));
}
