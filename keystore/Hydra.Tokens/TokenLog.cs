using Microsoft.Extensions.Logging;

namespace Hydra.Tokens;

/// <summary>Log events of token issuers (EventIds 3201-3202). Never the token or its claims.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(EventId = 3201, EventName = "TokenKeysFetched", Level = LogLevel.Information,
        Message = "Fetched {KeyCount} signing keys of token issuer {Issuer}.")]
    public static partial void KeysFetched(ILogger logger, string issuer, int keyCount);

    [LoggerMessage(EventId = 3202, EventName = "TokenKeysUnreachable", Level = LogLevel.Warning,
        Message = "Token issuer {Issuer} could not be reached for its keys; cached keys in use: {CachedKeys}.")]
    public static partial void KeysUnreachable(ILogger logger, string issuer, bool cachedKeys, Exception exception);
}
