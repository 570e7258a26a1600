using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Hydra.Hosting;

/// <summary>
/// Sizes Kestrel's HTTP/2 header limits so that the longest token a service accepts (the largest
/// <see cref="TokenIssuerSettings.MaxTokenLength"/>) fits, and a longer one still reaches <see cref="BearerAuthenticator"/>
/// up to that size plus some room, where it is refused as <c>TooLarge</c> and audited. Limits are only raised, never
/// lowered, and stay bounded because <c>MaxTokenLength</c> is at most 64 KiB. Tokens beyond the limits never become a
/// request: clients that honour the node's <c>SETTINGS_MAX_HEADER_LIST_SIZE</c> refuse to send them, and Kestrel ends
/// the stream of those that do not.
/// </summary>
public static class TokenHeaderLimits
{
    /// <summary>Room beside a token for its header name, <c>Bearer </c>, and the call's other headers.</summary>
    public const int Overhead = 4 * 1024;

    public static void Apply(KestrelServerLimits limits, TokenSettings tokens)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(tokens);
        if (!tokens.Enabled)
        {
            return;
        }

        var field = tokens.Issuers.Max(i => i.MaxTokenLength) + Overhead;
        limits.Http2.MaxRequestHeaderFieldSize = Math.Max(limits.Http2.MaxRequestHeaderFieldSize, field);

        // A delegated call carries two tokens: the caller's own (if any) and the reader's forwarded one.
        limits.MaxRequestHeadersTotalSize = Math.Max(limits.MaxRequestHeadersTotalSize, (2 * field) + Overhead);
    }
}
